import PDFDocument from 'pdfkit';
import { SAFETY_PLAN_PARTS, type SafetyPlanContent } from '../../../domain/safety/safety-plan.js';

// A printable safety plan: the six Stanley-Brown parts with the crisis lines always at the end
// (DOMAIN.md section 6). pdfkit's built-in Helvetica covers Latin text; no font files to ship.

export type PdfInput = { patientName: string; organizationName: string; version: number; createdAt: Date; plan: SafetyPlanContent };

const CRISIS_LINES = [
  'Call or text 988 (Suicide & Crisis Lifeline), or chat at 988lifeline.org. Veterans press 1; Spanish press 2.',
  'Crisis Text Line: text HOME to 741741.',
  'In immediate danger call 911.',
];

export function renderSafetyPlanPdf(input: PdfInput): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'LETTER',
      margin: 56,
      info: { Title: 'Safety plan', Author: input.organizationName, CreationDate: input.createdAt },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(20).text('My safety plan');
    doc.font('Helvetica').fontSize(11).fillColor('#444444');
    doc.text(`${input.patientName} · ${input.organizationName}`);
    doc.text(`Version ${input.version}, ${input.createdAt.toISOString().slice(0, 10)}`);
    doc.fillColor('#000000').moveDown();

    SAFETY_PLAN_PARTS.forEach((part, index) => {
      doc
        .font('Helvetica-Bold')
        .fontSize(13)
        .text(`Step ${index + 1}: ${part.title}`);
      doc.font('Helvetica-Oblique').fontSize(9).fillColor('#555555').text(part.hint).fillColor('#000000');
      const entries = input.plan[part.key];
      doc.font('Helvetica').fontSize(11);
      if (entries.length === 0) doc.text('—', { indent: 12 });
      else doc.list(entries, { bulletRadius: 2, textIndent: 12 });
      doc.moveDown(0.8);
    });

    doc.moveDown().font('Helvetica-Bold').fontSize(12).text('If you are in crisis now');
    doc.font('Helvetica').fontSize(11);
    for (const line of CRISIS_LINES) doc.text(line);
    doc.end();
  });
}
