// The inquiry form (plain HTML, posted to the server) and its thanks page.
import type { FieldIssue } from '../../domain/errors.js';
import { PRIVACY_NOTICE_VERSION } from '../../domain/front-door/inquiry-rules.js';
import { US_STATE_CODES } from '../../domain/us-states.js';
import { markup, type Html } from './html.js';
import type { MessageKey } from './i18n/en.js';
import { crisisPanel, layout } from './layout.js';
import { pathIn, type PageContext, type PublicProgram } from './model.js';

export const AGE_RANGES = ['under_13', '13_17', '18_25', '26_64', '65_plus'] as const;
export const FORMAT_PREFERENCES = ['in_person', 'online', 'no_preference'] as const;

export type InquiryFormState = {
  values: Readonly<Record<string, string | undefined>>;
  issues: readonly FieldIssue[];
  /** One-time key: a retried post of the same form creates one inquiry. */
  formKey: string;
  /** The encoded self-check the visitor chose to send, and its outcome for display. */
  selfCheck: { encoded: string; outcomeKey: MessageKey } | null;
};

/** The visitor-facing message for a field's issue (server messages are English and technical). */
function issueText(ctx: PageContext, issue: FieldIssue): string {
  const { t } = ctx;
  if (issue.path === 'contact') return t('inquiry.error.contact');
  if (issue.path === 'consentToContact') return t('inquiry.error.consent');
  if (issue.path === 'selfCheck') return t('inquiry.error.selfCheck');
  if (issue.path === 'formKey') return t('inquiry.error.expired');
  if (issue.message.startsWith('use at most')) return t('inquiry.error.tooLong');
  if (issue.path === 'phone') return t('inquiry.error.phone');
  if (issue.path === 'email') return t('inquiry.error.email');
  if (issue.path === 'programId') return t('inquiry.error.program');
  if (issue.message === 'is required') return t('inquiry.error.required');
  return t('inquiry.error.invalid');
}

export function inquiryFormPage(ctx: PageContext, programs: readonly PublicProgram[], state: InquiryFormState): string {
  const { t, lang } = ctx;
  const { values, issues } = state;
  const errorFor = (field: string) => issues.find((issue) => issue.path === field || (field === 'phone' && issue.path === 'contact'));
  const described = (field: string, hint?: string) => {
    const ids = [hint, errorFor(field) ? `${field}-error` : undefined].filter(Boolean).join(' ');
    return ids ? markup` aria-describedby="${ids}"` : null;
  };
  const invalid = (field: string) => (errorFor(field) ? markup` aria-invalid="true"` : null);
  const errorText = (field: string) => {
    const issue = errorFor(field);
    return issue ? markup`<p class="field-error" id="${field}-error">${issueText(ctx, issue)}</p>` : null;
  };
  const text = (
    field: string,
    label: MessageKey,
    options: { type?: string; max: number; required?: boolean; autocomplete?: string; hint?: string },
  ) =>
    markup`<div class="field${errorFor(field) ? ' invalid' : ''}">
  <label for="${field}">${t(label)}${options.required ? markup` <span class="required">${t('inquiry.required')}</span>` : null}</label>
  ${errorText(field)}
  <input id="${field}" name="${field}" type="${options.type ?? 'text'}" maxlength="${options.max}" value="${values[field] ?? ''}"${options.required ? markup` required` : null}${options.autocomplete ? markup` autocomplete="${options.autocomplete}"` : null}${invalid(field)}${described(field, options.hint)}>
</div>`;
  const select = (field: string, label: MessageKey, choices: readonly (readonly [string, string])[], empty: string): Html =>
    markup`<div class="field${errorFor(field) ? ' invalid' : ''}">
  <label for="${field}">${t(label)}</label>
  ${errorText(field)}
  <select id="${field}" name="${field}"${invalid(field)}${described(field)}>
    <option value="">${empty}</option>
    ${choices.map(([value, name]) => markup`<option value="${value}"${values[field] === value ? markup` selected` : null}>${name}</option>`)}
  </select>
</div>`;
  const radios = (field: string, label: MessageKey, choices: readonly (readonly [string, string])[], required: boolean) =>
    markup`<fieldset class="field${errorFor(field) ? ' invalid' : ''}"${described(field)}>
  <legend>${t(label)}${required ? markup` <span class="required">${t('inquiry.required')}</span>` : null}</legend>
  ${errorText(field)}
  ${choices.map(
    ([value, name]) =>
      markup`<label class="choice"><input type="radio" name="${field}" value="${value}"${values[field] === value ? markup` checked` : null}${required ? markup` required` : null}> ${name}</label>`,
  )}
</fieldset>`;

  return layout(ctx, {
    title: t('inquiry.title'),
    body: markup`<h1>${t('inquiry.title')}</h1>
<p class="lead">${t('inquiry.lead')}</p>
${issues.length > 0 ? markup`<div class="error-summary" role="alert"><p>${t('inquiry.errorsTitle')}</p><ul>${issues.map((issue) => markup`<li><a href="#${issue.path === 'contact' ? 'phone' : issue.path}">${issueText(ctx, issue)}</a></li>`)}</ul></div>` : null}
${state.selfCheck ? markup`<p class="notice">${t('inquiry.selfCheckAttached', { result: t(state.selfCheck.outcomeKey) })}</p>` : null}
${errorText('selfCheck')}
<form method="post" action="${pathIn(lang, '/inquiry')}" class="stack" novalidate>
  <input type="hidden" name="formKey" value="${state.formKey}">
  ${state.selfCheck ? markup`<input type="hidden" name="selfCheck" value="${state.selfCheck.encoded}">` : null}
  ${radios(
    'forWhom',
    'inquiry.forWhom',
    [
      ['self', t('inquiry.forWhom.self')],
      ['loved_one', t('inquiry.forWhom.loved_one')],
    ],
    true,
  )}
  ${text('contactName', 'inquiry.contactName', { max: 200, required: true, autocomplete: 'name' })}
  ${text('patientName', 'inquiry.patientName', { max: 200 })}
  <p class="hint" id="contact-hint">${t('inquiry.contactHint')}</p>
  ${text('phone', 'inquiry.phone', { type: 'tel', max: 40, autocomplete: 'tel', hint: 'contact-hint' })}
  ${text('email', 'inquiry.email', { type: 'email', max: 254, autocomplete: 'email', hint: 'contact-hint' })}
  ${text('bestTime', 'inquiry.bestTime', { max: 200 })}
  ${select(
    'state',
    'inquiry.state',
    US_STATE_CODES.map((code) => [code, code] as const),
    t('inquiry.stateAny'),
  )}
  ${select(
    'ageRange',
    'inquiry.ageRange',
    AGE_RANGES.map((range) => [range, t(`inquiry.age.${range}`)] as const),
    t('inquiry.ageAny'),
  )}
  <div class="field${errorFor('concerns') ? ' invalid' : ''}">
    <label for="concerns">${t('inquiry.concerns')}</label>
    ${errorText('concerns')}
    <textarea id="concerns" name="concerns" rows="5" maxlength="4000"${invalid('concerns')}${described('concerns')}>${values.concerns ?? ''}</textarea>
  </div>
  ${select(
    'programId',
    'inquiry.program',
    programs.map((program) => [program.id, program.name] as const),
    t('inquiry.programAny'),
  )}
  ${radios(
    'formatPreference',
    'inquiry.format',
    FORMAT_PREFERENCES.map((format) => [format, t(`inquiry.format.${format}`)] as const),
    false,
  )}
  ${text('payerName', 'inquiry.payerName', { max: 200 })}
  ${text('memberId', 'inquiry.memberId', { max: 100 })}
  ${text('heardAbout', 'inquiry.heardAbout', { max: 200 })}
  <div class="honeypot"><label for="website">${t('inquiry.website')}</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
  <p class="privacy" id="privacy-notice">${t('inquiry.privacy', { version: PRIVACY_NOTICE_VERSION })}</p>
  <div class="field${errorFor('consentToContact') ? ' invalid' : ''}">
    ${errorText('consentToContact')}
    <label class="choice"><input type="checkbox" id="consentToContact" name="consentToContact" value="yes"${values.consentToContact === 'yes' ? markup` checked` : null} required aria-describedby="privacy-notice${errorFor('consentToContact') ? ' consentToContact-error' : ''}"> ${t('inquiry.consent')} <span class="required">${t('inquiry.required')}</span></label>
  </div>
  <input type="hidden" name="privacyNoticeVersion" value="${PRIVACY_NOTICE_VERSION}">
  <p><button type="submit" class="button primary">${t('inquiry.submit')}</button></p>
</form>`,
  });
}

function responseTime(ctx: PageContext, minutes: number): string {
  const { t } = ctx;
  return minutes % 60 === 0 && minutes >= 120 ? t('thanks.hours', { count: minutes / 60 }) : t('thanks.minutes', { count: minutes });
}

export function thanksPage(ctx: PageContext, urgent: boolean): string {
  const { t, lang, org } = ctx;
  const crisis = urgent
    ? crisisPanel(ctx, 'thanks.urgentTitle', 'thanks.urgentBody', 1)
    : crisisPanel(ctx, 'crisis.lead', 'crisis.panelBody', 2);
  const thanks = markup`<${urgent ? 'h2' : 'h1'}>${t('thanks.title')}</${urgent ? 'h2' : 'h1'}>
<p class="lead">${t('thanks.body', { time: responseTime(ctx, org?.inquiryResponseTargetMinutes ?? 60) })}</p>`;
  return layout(ctx, {
    title: t('thanks.title'),
    body: markup`${urgent ? markup`${crisis}${thanks}` : markup`${thanks}${crisis}`}<p><a href="${pathIn(lang, '/')}">${t('thanks.home')}</a></p>`,
  });
}
