import type { TemplateContent } from './content.js';

/**
 * Service blueprint: a home-insurance water-damage claim. Lanes run in blueprint order (physical
 * evidence, customer actions, frontstage, backstage, support processes), then fail points and
 * metrics. The canvas draws the lines of interaction, visibility and internal interaction
 * between the actions, frontstage, backstage and support lanes, so they stay adjacent here.
 * CES uses the 7-point "the company made it easy" scale: higher means less effort.
 */
export const serviceBlueprint: TemplateContent = {
  name: 'Service blueprint',
  description:
    'Pairs what the customer does and sees with the frontstage staff, backstage work and support systems behind it, separated by the lines of interaction, visibility and internal interaction.',
  persona: {
    name: 'Helen Marsh',
    description:
      'Homeowner, 54, insured with us for twelve years and making her first claim after a burst pipe flooded her kitchen. Wants the house dry and repaired with as little back-and-forth as possible.',
  },
  scenario:
    'A home-insurance water-damage claim, from first notice of loss to payout and follow-up.',
  stages: [
    'Report the damage',
    'Claim registered',
    'Damage assessment',
    'Settlement offer',
    'Repairs and payment',
    'Claim closed',
  ],
  lanes: [
    {
      name: 'Physical evidence',
      kind: 'touchpoints',
      cells: [
        {
          text: 'Policy documents; online claim form with photo upload',
          channel: 'web',
          team: 'Claims intake',
          expectation: 'One call is enough to start the claim',
        },
        {
          text: 'Text message with the claim number',
          channel: 'sms',
          team: 'Claims intake',
          expectation: 'Told what happens next and when',
        },
        {
          text: "Adjuster's visit; moisture meter readings",
          channel: 'field',
          team: 'Loss adjusting',
        },
        { text: 'Settlement letter (PDF)', channel: 'email', team: 'Claims handling' },
        { text: 'Contractor quote; bank transfer', channel: 'web', team: 'Payments' },
        {
          text: 'Closure email and satisfaction survey',
          channel: 'email',
          team: 'Customer experience',
        },
      ],
    },
    {
      name: 'Customer actions',
      kind: 'actions',
      cells: [
        'Calls the claims line, then fills in the online form with photos',
        'Waits; checks the claim status in the app',
        'Shows the adjuster the damage; hunts for receipts',
        'Reads the offer; queries the deduction for the old cabinets',
        'Picks a contractor; uploads the final invoice',
        'Answers the survey',
      ],
    },
    {
      name: 'Frontstage actions',
      kind: 'frontstage',
      cells: [
        'Claims handler takes the first notice of loss by phone',
        'Automatic text message and app status updates',
        'Loss adjuster inspects the property',
        'Claims handler explains the offer by phone',
        'Handler confirms the payment date',
        'Closure call for high-value claims',
      ],
    },
    {
      name: 'Backstage actions',
      kind: 'backstage',
      cells: [
        'Handler checks cover and excess, opens the claim file',
        'Triage sets severity and books an adjuster',
        'Adjuster writes the report and estimates the repair cost',
        'Settlement calculated; amounts above the handler limit go to a team lead',
        'Invoice matched against the estimate; payment approved',
        'File closed and reserve released',
      ],
    },
    {
      name: 'Support processes',
      kind: 'support',
      cells: [
        'Policy administration system; telephony and IVR',
        'Claims management system; triage rules engine',
        'Adjuster scheduling tool; drying contractor network',
        'Depreciation tables; fraud screening service',
        'Payments platform; approved repairer network',
        'Claims data warehouse; survey platform',
      ],
    },
    {
      name: 'Fail points',
      kind: 'painPoints',
      cells: [
        {
          text: 'After hours the line goes to voicemail; the form rejects large photos',
          tags: ['fail-point'],
        },
        {
          text: 'Status says "received" for days and no handler is named',
          tags: ['wait-point'],
          evidence: [
            {
              kind: 'data',
              text: 'Average 4.2 days before the first outbound contact',
              source: 'Claims MI report',
              daysAgo: 28,
            },
            {
              kind: 'quote',
              text: 'I had no idea whether anyone had even opened my claim.',
              source: 'Post-claim survey',
              daysAgo: 42,
            },
          ],
        },
        {
          text: 'Visit booked as an all-day window; the report is not shared',
          tags: ['wait-point'],
        },
        {
          text: 'Deductions are not explained; the offer arrives as a PDF with no breakdown',
          tags: ['fail-point'],
          evidence: [
            {
              kind: 'quote',
              text: 'It felt like haggling over my own kitchen.',
              source: 'Complaint letter',
              daysAgo: 60,
            },
          ],
        },
        {
          text: 'An invoice that differs from the estimate sends the claim back for manual review',
          tags: ['wait-point'],
        },
        null,
      ],
    },
    {
      name: 'Metrics',
      kind: 'metrics',
      cells: [
        {
          text: 'First-notice calls per month',
          metrics: { csat: 74, ces: 4.4, fcr: 63, volume: 5200 },
        },
        {
          text: '"Where is my claim?" calls per month',
          tags: ['hotspot'],
          metrics: { csat: 55, ces: 3.1, fcr: 38, volume: 9400 },
        },
        { text: 'Adjuster visits per month', metrics: { csat: 69, volume: 1400 } },
        {
          text: 'Offer disputes per month',
          metrics: { csat: 52, ces: 2.8, fcr: 41, volume: 2200 },
        },
        {
          text: 'Payment queries per month',
          metrics: { csat: 71, ces: 4.9, fcr: 70, volume: 900 },
        },
        { text: 'Closure surveys returned per month', metrics: { csat: 76, volume: 300 } },
      ],
    },
  ],
};
