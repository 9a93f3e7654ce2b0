// OpenIOP's own level-of-care pack, written from DOMAIN.md section 5 (docs/domain/level-of-care.md
// lists each rule with its source). Generic wording on purpose: no text from LOCUS, CALOCUS or the
// ASAM Criteria, which are licensed (DOMAIN.md section 4). A clinic with a licence plugs its own pack in.
import type { LocPack } from './pack.js';

export const DEFAULT_PACK: LocPack = {
  id: 'openiop_default',
  version: 1,
  name: 'OpenIOP generic level-of-care guide',
  description:
    'Six generic dimensions rated 0 (no concern) to 4 (most severe). The most intensive level any dimension or rule points to is recommended; the clinician confirms or chooses another level with a reason.',
  dimensions: [
    {
      id: 'risk_of_harm',
      title: 'Risk of harm',
      description: 'Thoughts, plans or recent acts of harming oneself or others, and how well the person can keep safe.',
      anchors: [
        { rating: 0, label: 'No current risk', description: 'No thoughts of harming self or others; no recent risky acts.', level: 'OP' },
        {
          rating: 1,
          label: 'Low risk',
          description: 'Passing thoughts without intent or plan; uses coping skills and reaches out when needed.',
          level: 'OP',
        },
        {
          rating: 2,
          label: 'Moderate risk',
          description: 'Recurring thoughts without intent, or recent risky behaviour; safe with structured support several days a week.',
          level: 'IOP',
        },
        {
          rating: 3,
          label: 'Serious risk',
          description: 'Frequent thoughts with some intent, but able to agree and follow a safety plan with daily contact.',
          level: 'PHP',
        },
        {
          rating: 4,
          label: 'Imminent risk',
          description: 'Intent with a plan or means, a very recent attempt, or cannot agree to keep safe.',
          level: 'inpatient_referral',
        },
      ],
    },
    {
      id: 'functional_status',
      title: 'Functional status',
      description: 'How well the person manages daily life: self-care, work or school, family and household duties.',
      anchors: [
        { rating: 0, label: 'Functioning well', description: 'Manages self-care, work or school and home as usual.', level: 'OP' },
        { rating: 1, label: 'Mild difficulty', description: 'Some strain, but keeps up with daily roles.', level: 'OP' },
        {
          rating: 2,
          label: 'Moderate impairment',
          description: 'Falling behind at work, school or home, yet able to attend several hours on 3 to 5 days a week.',
          level: 'IOP',
        },
        {
          rating: 3,
          label: 'Serious impairment',
          description: 'Cannot keep up daily roles; needs structure most of the day, most days.',
          level: 'PHP',
        },
        {
          rating: 4,
          label: 'Unable to care for self',
          description: 'Cannot meet basic needs such as eating, sleeping or hygiene without 24-hour help.',
          level: 'inpatient_referral',
        },
      ],
    },
    {
      id: 'co_occurring_conditions',
      title: 'Co-occurring conditions and withdrawal',
      description: 'Medical, psychiatric and substance-use conditions alongside the main concern, including withdrawal risk.',
      anchors: [
        { rating: 0, label: 'None or well managed', description: 'No other conditions, or they are stable and treated.', level: 'OP' },
        { rating: 1, label: 'Stable', description: 'Other conditions present and followed elsewhere; no withdrawal risk.', level: 'OP' },
        {
          rating: 2,
          label: 'Active but manageable',
          description: 'Substance use or another condition needs coordinated care; no risk of significant withdrawal.',
          level: 'IOP',
        },
        {
          rating: 3,
          label: 'Unstable or mild withdrawal',
          description: 'Conditions need daily attention, or mild withdrawal that can be monitored daily outside a hospital.',
          level: 'PHP',
        },
        {
          rating: 4,
          label: 'Needs medically managed withdrawal',
          description: 'Withdrawal or a medical condition that needs 24-hour medical care.',
          level: 'inpatient_referral',
        },
      ],
    },
    {
      id: 'recovery_environment',
      title: 'Recovery environment',
      description: 'Where the person lives and who is around them: safety, support, stress and substance use at home.',
      anchors: [
        { rating: 0, label: 'Safe and supportive', description: 'Stable home with people who support treatment.', level: 'OP' },
        { rating: 1, label: 'Mostly supportive', description: 'Stable home; some stress, but support is there.', level: 'OP' },
        {
          rating: 2,
          label: 'Limited support',
          description: 'Stable home but little support, or support that is not reliable.',
          level: 'IOP',
        },
        {
          rating: 3,
          label: 'Unsupportive or high stress',
          description: 'Safe housing, but conflict at home or others using substances there.',
          level: 'IOP',
        },
        {
          rating: 4,
          label: 'No safe place to live',
          description: 'Homeless, about to lose housing, or living where they are not safe.',
          level: 'PHP',
        },
      ],
    },
    {
      id: 'treatment_history',
      title: 'Treatment history',
      description: 'How the person responded to care before, and how recently they needed more intensive care.',
      anchors: [
        { rating: 0, label: 'No prior need', description: 'No earlier treatment, or full recovery after it.', level: 'OP' },
        { rating: 1, label: 'Good response', description: 'Did well in outpatient care before.', level: 'OP' },
        { rating: 2, label: 'Partial response', description: 'Only partly improved with outpatient care.', level: 'IOP' },
        {
          rating: 3,
          label: 'Little response',
          description: 'Little change with outpatient or intensive outpatient care, or a relapse soon after stepping down.',
          level: 'IOP',
        },
        {
          rating: 4,
          label: 'Repeated setbacks',
          description: 'Repeated relapse at less intensive levels, or a hospital stay in the last few weeks.',
          level: 'PHP',
        },
      ],
    },
    {
      id: 'engagement',
      title: 'Engagement',
      description: 'Willingness and ability to take part in treatment and to attend.',
      anchors: [
        { rating: 0, label: 'Fully engaged', description: 'Wants treatment and takes an active part.', level: 'OP' },
        { rating: 1, label: 'Mostly engaged', description: 'Takes part, with occasional missed contacts.', level: 'OP' },
        { rating: 2, label: 'Ambivalent', description: 'Unsure about treatment; attends with encouragement.', level: 'IOP' },
        {
          rating: 3,
          label: 'Reluctant',
          description: 'Often misses or resists care; needs frequent contact to stay engaged.',
          level: 'IOP',
        },
        {
          rating: 4,
          label: 'Unable to engage without daily structure',
          description: 'Cannot take part in treatment unless care is there most of every day.',
          level: 'PHP',
        },
      ],
    },
  ],
  rules: [
    {
      kind: 'at_least',
      code: 'IMMINENT_RISK',
      when: [{ dimensionId: 'risk_of_harm', atLeast: 4 }],
      level: 'inpatient_referral',
      text: 'Imminent risk of harm: refer to inpatient care, whatever the other ratings',
    },
    {
      kind: 'at_least',
      code: 'MEDICALLY_MANAGED_WITHDRAWAL',
      when: [{ dimensionId: 'co_occurring_conditions', atLeast: 4 }],
      level: 'inpatient_referral',
      text: 'Needs medically managed withdrawal or 24-hour medical care: refer to inpatient care, whatever the other ratings',
    },
    {
      kind: 'at_least',
      code: 'NO_SAFE_HOUSING',
      when: [{ dimensionId: 'recovery_environment', atLeast: 4 }],
      level: 'PHP',
      text: 'No safe place to live: not lower than partial hospitalization unless the clinician overrides with a reason',
    },
    {
      kind: 'at_least',
      code: 'RISK_WITHOUT_SUPPORT',
      when: [
        { dimensionId: 'risk_of_harm', atLeast: 2 },
        { dimensionId: 'recovery_environment', atLeast: 3 },
      ],
      level: 'PHP',
      text: 'Risk of harm with little support at home: daily structure (partial hospitalization) is safer',
    },
    {
      kind: 'all_at_most',
      code: 'ALL_STABLE',
      atMost: 1,
      level: 'OP',
      text: 'Every dimension is rated 1 or lower: stable, outpatient care fits',
    },
  ],
};
