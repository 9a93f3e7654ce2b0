// The self-check and the inquiry form: plain HTML forms posted to the server (no JavaScript).
import { randomUUID } from 'node:crypto';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, type FieldIssue } from '../../../domain/errors.js';
import { evaluateSelfCheck, parseSelfCheckForm, selfCheckToForm, type SelfCheckAnswers } from '../../../domain/front-door/self-check.js';
import type { AppDeps } from '../../context.js';
import { requestCtx } from '../../http/access.js';
import type { Language } from '../../public-site/i18n/i18n.js';
import { inquiryFormPage, thanksPage, type InquiryFormState } from '../../public-site/inquiry-page.js';
import type { PublicOrganization } from '../../public-site/model.js';
import { tooManyPage } from '../../public-site/pages.js';
import { decodeSelfCheck, encodeSelfCheck, selfCheckFormPage, selfCheckResultPage } from '../../public-site/self-check-page.js';
import { INQUIRY_BODY_LIMIT, inquiryRateLimit } from '../public-inquiries/public-inquiries.routes.js';
import { InquiryBody } from '../public-inquiries/public-inquiries.schemas.js';
import { submitInquiry } from '../public-inquiries/public-inquiries.service.js';
import { LANGUAGES, PUBLIC_PAGE, orgOrNotSetUp, pageContext, pathIn, sendHtml } from './public-site.context.js';
import { publishedPrograms } from './public-site.service.js';

const hidden = { hide: true } as const;
const FormBody = z.record(z.string(), z.string());
const InquiryQuery = z.object({ program: z.string().max(100).optional(), urgent: z.string().max(5).optional() });
const FORM_FIELDS = [
  'forWhom',
  'contactName',
  'patientName',
  'phone',
  'email',
  'bestTime',
  'state',
  'ageRange',
  'concerns',
  'programId',
  'formatPreference',
  'payerName',
  'memberId',
  'heardAbout',
  'privacyNoticeVersion',
  'website',
] as const;
const FORM_KEY = /^[0-9a-f-]{36}$/;

/** Self-check answers carried in the hidden field, checked again as if just posted. */
function selfCheckFrom(encoded: string | undefined): { answers: SelfCheckAnswers } | null | 'invalid' {
  if (encoded === undefined || encoded === '') return null;
  const form = decodeSelfCheck(encoded);
  const parsed = form ? parseSelfCheckForm(form) : null;
  return parsed?.ok ? { answers: parsed.answers } : 'invalid';
}

function formState(values: Record<string, string>, issues: FieldIssue[], answers: SelfCheckAnswers | null): InquiryFormState {
  const formKey = values.formKey && FORM_KEY.test(values.formKey) ? values.formKey : randomUUID();
  if (!answers) return { values, issues, formKey, selfCheck: null };
  const outcome = evaluateSelfCheck(answers).outcome;
  return {
    values,
    issues,
    formKey,
    selfCheck: { encoded: encodeSelfCheck(selfCheckToForm(answers)), outcomeKey: `selfCheck.outcome.${outcome}.title` },
  };
}

/** Fastify's rate limiter answers 429; a person filling in the form gets a page, not JSON. */
function htmlTooMany(lang: Language, parent: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => unknown) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.statusCode !== 429) return parent(error, request, reply);
    return sendHtml(reply, 429, tooManyPage(pageContext(lang, '/inquiry', null)), 'no-store');
  };
}

export function publicFormsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyRateLimit, { global: false });
    // Form posts of this plugin only; field lengths are checked by the schemas, the whole body here.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: INQUIRY_BODY_LIMIT },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );

    const programsOf = (org: PublicOrganization, request: FastifyRequest) => publishedPrograms(deps, org.id, new Date(request.nowMs));

    for (const lang of LANGUAGES) {
      app.get(pathIn(lang, '/self-check'), { config: PUBLIC_PAGE, schema: hidden }, async (_request, reply) => {
        const org = await orgOrNotSetUp(deps, reply, lang, '/self-check');
        if (!org) return reply;
        return sendHtml(reply, 200, selfCheckFormPage(pageContext(lang, '/self-check', org)));
      });

      // Evaluated and shown, never stored (anonymous answers stay in the visitor's hands).
      app.post(pathIn(lang, '/self-check'), { config: PUBLIC_PAGE, schema: { hide: true, body: FormBody } }, async (request, reply) => {
        const org = await orgOrNotSetUp(deps, reply, lang, '/self-check');
        if (!org) return reply;
        const ctx = pageContext(lang, '/self-check', org);
        const parsed = parseSelfCheckForm(request.body);
        if (!parsed.ok) return sendHtml(reply, 400, selfCheckFormPage(ctx, request.body, parsed.issues), 'no-store');
        const result = evaluateSelfCheck(parsed.answers);
        return sendHtml(reply, 200, selfCheckResultPage(ctx, result, encodeSelfCheck(selfCheckToForm(parsed.answers))), 'no-store');
      });

      // "Send these answers": only with the consent box ticked do the answers go into the form.
      app.post(
        pathIn(lang, '/inquiry/with-self-check'),
        { config: PUBLIC_PAGE, schema: { hide: true, body: FormBody } },
        async (request, reply) => {
          const org = await orgOrNotSetUp(deps, reply, lang, '/inquiry');
          if (!org) return reply;
          const carried = request.body.sendSelfCheck === 'yes' ? selfCheckFrom(request.body.selfCheck) : null;
          const answers = carried && carried !== 'invalid' ? carried.answers : null;
          const issues: FieldIssue[] = carried === 'invalid' ? [{ path: 'selfCheck', message: 'could not be read' }] : [];
          const values: Record<string, string> = answers ? { formatPreference: answers.formatPreference, forWhom: 'self' } : {};
          const page = inquiryFormPage(
            pageContext(lang, '/inquiry', org),
            await programsOf(org, request),
            formState(values, issues, answers),
          );
          return sendHtml(reply, 200, page, 'no-store');
        },
      );

      app.get(
        pathIn(lang, '/inquiry'),
        { config: PUBLIC_PAGE, schema: { hide: true, querystring: InquiryQuery } },
        async (request, reply) => {
          const org = await orgOrNotSetUp(deps, reply, lang, '/inquiry');
          if (!org) return reply;
          const programs = await programsOf(org, request);
          const program = programs.find((candidate) => candidate.id === request.query.program);
          const page = inquiryFormPage(
            pageContext(lang, '/inquiry', org),
            programs,
            formState(program ? { programId: program.id } : {}, [], null),
          );
          return sendHtml(reply, 200, page, 'no-store');
        },
      );

      app.post(
        pathIn(lang, '/inquiry'),
        {
          config: { ...PUBLIC_PAGE, rateLimit: inquiryRateLimit(deps) },
          bodyLimit: INQUIRY_BODY_LIMIT,
          errorHandler: htmlTooMany(lang, app.errorHandler.bind(app)),
          schema: { hide: true, body: FormBody },
        },
        async (request, reply) => {
          const org = await orgOrNotSetUp(deps, reply, lang, '/inquiry');
          if (!org) return reply;
          let values = request.body;
          const carried = selfCheckFrom(values.selfCheck);
          const answers = carried && carried !== 'invalid' ? carried.answers : null;
          const input: Record<string, unknown> = { language: lang };
          for (const field of FORM_FIELDS) if (values[field] !== undefined && values[field] !== '') input[field] = values[field];
          if (values.consentToContact === 'yes') input.consentToContact = true;
          if (answers) input.selfCheck = answers;

          const issues: FieldIssue[] = carried === 'invalid' ? [{ path: 'selfCheck', message: 'could not be read' }] : [];
          const parsed = InquiryBody.safeParse(input);
          if (!parsed.success) {
            for (const issue of parsed.error.issues) issues.push({ path: issue.path.join('.') || 'body', message: issue.message });
          }
          let receipt: { id: string; urgent: boolean } | null = null;
          if (parsed.success && issues.length === 0) {
            try {
              receipt = await submitInquiry(deps, requestCtx(request), parsed.data, {
                source: 'web_form',
                language: lang,
                idempotencyKey: values.formKey && FORM_KEY.test(values.formKey) ? `form:${values.formKey}` : undefined,
              });
            } catch (error) {
              if (error instanceof DomainError && error.code === 'RULE_VIOLATION') {
                // The same one-time key with different answers: the visitor went back and changed
                // the sent form. Ask them to send it again under a fresh key.
                issues.push({ path: 'formKey', message: 'send the form again' });
                values = { ...values, formKey: '' };
              } else if (error instanceof DomainError && error.code === 'VALIDATION_FAILED' && Array.isArray(error.details)) {
                issues.push(...(error.details as FieldIssue[]));
              } else throw error;
            }
          }
          if (!receipt) {
            const page = inquiryFormPage(
              pageContext(lang, '/inquiry', org),
              await programsOf(org, request),
              formState(values, issues, answers),
            );
            return sendHtml(reply, 400, page, 'no-store');
          }
          return reply.redirect(`${pathIn(lang, '/inquiry/thanks')}${receipt.urgent ? '?urgent=1' : ''}`, 303);
        },
      );

      app.get(
        pathIn(lang, '/inquiry/thanks'),
        { config: PUBLIC_PAGE, schema: { hide: true, querystring: InquiryQuery } },
        async (request, reply) => {
          const org = await orgOrNotSetUp(deps, reply, lang, '/inquiry/thanks');
          if (!org) return reply;
          return sendHtml(reply, 200, thanksPage(pageContext(lang, '/inquiry/thanks', org), request.query.urgent === '1'), 'no-store');
        },
      );
    }
  };
}
