import { Alert, Button, Checkbox, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useRef, useState, type PointerEvent } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { usePatientSignature, type PlanDto } from './treatment-plans-api';
import { Dialog } from '../../components/dialog';

/**
 * The patient signs on this device (typed name, attestation, optional drawing), or the clinician
 * records why the patient did not sign.
 */
export function PatientSignModal({ plan, onClose }: { plan: PlanDto; onClose: () => void }) {
  const sign = usePatientSignature();
  const [declining, setDeclining] = useState(false);
  const [name, setName] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [reason, setReason] = useState('');
  const [image, setImage] = useState<string | null>(null);

  const nameMissing = name.trim() === '';
  const canSubmit = declining ? reason.trim() !== '' : !nameMissing && agreed;

  function submit() {
    const body = declining
      ? { declinedReason: reason.trim() }
      : { signedName: name.trim(), attested: true as const, ...(image === null ? {} : { signatureImage: image }) };
    sign.mutate({ planId: plan.id, body }, { onSuccess: onClose });
  }

  return (
    <Dialog opened onClose={onClose} title={`Patient signature: treatment plan version ${plan.planVersion}`} size="lg">
      <Stack gap="md">
        <Checkbox
          label="The patient did not sign (record why)"
          checked={declining}
          onChange={(event) => setDeclining(event.currentTarget.checked)}
        />
        {declining ? (
          <Textarea
            label="Why the patient did not sign"
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
        ) : (
          <>
            <Text size="sm">Hand the device to the patient. They read the plan with you, then type their full name and confirm.</Text>
            <TextInput
              label="Patient’s full name"
              autoComplete="off"
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <Checkbox
              label="I have read this treatment plan and I agree with it"
              checked={agreed}
              onChange={(event) => setAgreed(event.currentTarget.checked)}
            />
            <SignaturePad onChange={setImage} />
          </>
        )}
        {sign.isError && <ErrorAlert error={sign.error} />}
        {!canSubmit && !declining && (
          <Alert color="gray" variant="light">
            Type the full name and check the box to sign.
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} disabled={!canSubmit} loading={sign.isPending}>
            {declining ? 'Record that the patient did not sign' : 'Sign as patient'}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

/** An optional drawn signature (pointer or touch), sent as a PNG data URL. */
function SignaturePad({ onChange }: { onChange: (image: string | null) => void }) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const drawing = useRef(false);
  const [drawn, setDrawn] = useState(false);
  const finish = () => {
    if (drawing.current && canvas.current) onChange(canvas.current.toDataURL('image/png'));
    drawing.current = false;
  };

  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="signature-pad-label">
        Drawn signature (optional)
      </Text>
      <canvas
        ref={canvas}
        width={460}
        height={120}
        role="img"
        aria-labelledby="signature-pad-label"
        style={{ border: '1px solid #868e96', borderRadius: 4, touchAction: 'none', maxWidth: '100%' }}
        onPointerDown={(event) => {
          const ctx = event.currentTarget.getContext('2d');
          if (!ctx) return;
          drawing.current = true;
          const { x, y } = point(event);
          ctx.beginPath();
          ctx.moveTo(x, y);
        }}
        onPointerMove={(event) => {
          const ctx = event.currentTarget.getContext('2d');
          if (!drawing.current || !ctx) return;
          const { x, y } = point(event);
          ctx.lineWidth = 2;
          ctx.lineTo(x, y);
          ctx.stroke();
          setDrawn(true);
        }}
        onPointerUp={finish}
        onPointerLeave={finish}
      />
      <Group>
        <Button
          variant="subtle"
          size="xs"
          disabled={!drawn}
          onClick={() => {
            canvas.current?.getContext('2d')?.clearRect(0, 0, canvas.current.width, canvas.current.height);
            setDrawn(false);
            onChange(null);
          }}
        >
          Clear drawing
        </Button>
      </Group>
    </Stack>
  );
}
