import type { TemplateContent } from './content.js';

/**
 * Future state of the current-state example: the same journey once the planned changes ship.
 * Emotions and metrics are targets; the opportunities lane holds planned, owned changes.
 * CES uses the 7-point "the company made it easy" scale: higher means less effort.
 */
export const futureState: TemplateContent = {
  name: 'Future-state journey map',
  description:
    'The experience the team is designing toward: the same stages with target emotions and metrics, and the opportunities from today turned into planned changes with owners and dates.',
  persona: {
    name: 'Dana Whitfield',
    description:
      'Finance operations lead at a 150-person architecture firm. Owns month-end close and the choice of expense tool, is measured on close speed and clean audits, and has little patience for software her colleagues avoid.',
  },
  scenario:
    "The target journey after next year's onboarding and support programme: from the first search to a renewal the customer expects and welcomes.",
  stages: [
    'Awareness',
    'Consideration',
    'Purchase',
    'Onboarding',
    'Everyday use',
    'Support',
    'Renewal',
  ],
  lanes: [
    {
      name: 'Touchpoints',
      kind: 'touchpoints',
      cells: [
        'Month-end close calculator; customer stories from similar firms',
        'Self-serve sandbox with sample claims and a test export',
        'Trust centre with a pre-filled security questionnaire; one-page order form',
        'Guided setup with suggested category mappings and a bank-feed health check',
        'Capture tips in the camera view; weekly digest of pending approvals',
        'Account-aware assistant that hands over to a named specialist',
        'Quarterly value review; price changes announced 90 days ahead',
      ],
    },
    {
      name: 'Customer goals',
      kind: 'goals',
      cells: [
        'See how much close time the tool would save us',
        'Test the export against our own accounting system',
        'Get security and finance sign-off in days, not weeks',
        'Go live firm-wide in under a week',
        'Close the month with no missing receipts',
        'Get issues fixed in one contact',
        'Renew with numbers that justify the spend',
      ],
    },
    {
      name: 'Customer actions',
      kind: 'actions',
      cells: [
        'Enters headcount and claim volume into the calculator',
        'Runs a test export into a sandbox copy of the ledger',
        'Shares the trust-centre link with IT; signs online',
        'Accepts suggested mappings, fixes the few flagged ones',
        'Approves claims from the digest; exports with one click',
        'Describes the issue once; the specialist already has the context',
        'Reviews the value report with the CFO and renews',
      ],
    },
    {
      name: 'Emotions (target)',
      kind: 'emotions',
      cells: [
        { text: 'Curious: the savings feel concrete', emotion: 1 },
        { text: 'Confident: the export works with our ledger', emotion: 2 },
        { text: 'Reassured: security questions answered up front', emotion: 1 },
        { text: 'In control: setup is guided and mistakes are flagged', emotion: 1 },
        { text: 'Relaxed: month-end is routine', emotion: 2 },
        { text: 'Looked after: solved without repeating herself', emotion: 1 },
        { text: 'Satisfied: renewal is a formality', emotion: 1 },
      ],
    },
    {
      name: 'Channels',
      kind: 'channels',
      cells: [
        { text: 'Calculator and customer stories', channel: 'web' },
        { text: 'Sandbox trial', channel: 'in-app' },
        [
          { text: 'Trust centre and online order form', channel: 'web' },
          { text: 'Signed order confirmation', channel: 'email' },
        ],
        [
          { text: 'Guided setup', channel: 'in-app' },
          { text: 'Optional kickoff call', channel: 'phone' },
        ],
        [
          { text: 'Mobile app and dashboard', channel: 'in-app' },
          { text: 'Weekly approvals digest', channel: 'email' },
        ],
        [
          { text: 'Account-aware assistant', channel: 'chat' },
          { text: 'Named specialist callback', channel: 'phone' },
        ],
        { text: 'Value review meeting', channel: 'phone' },
      ],
    },
    {
      name: 'Risks to watch',
      kind: 'painPoints',
      cells: [
        null,
        { text: 'Sandbox data must stay realistic as the product changes', tags: ['trial'] },
        null,
        {
          text: 'Mapping suggestions may mislead firms with unusual charts of accounts',
          tags: ['onboarding'],
        },
        null,
        { text: 'Specialist callbacks need staffing at month-end peaks', tags: ['capacity'] },
        null,
      ],
    },
    {
      name: 'Planned changes',
      kind: 'opportunities',
      cells: [
        { text: 'Close-time calculator on the website. Owner: Marketing', tags: ['Q1'] },
        { text: 'Sandbox with sample data and test export. Owner: Growth squad', tags: ['Q1'] },
        {
          text: 'Trust centre and pre-filled questionnaire. Owner: Security',
          tags: ['Q1', 'quick-win'],
        },
        {
          text: 'Suggested mappings and bank-feed health check. Owner: Onboarding squad',
          tags: ['Q2', 'onboarding'],
          evidence: [
            {
              kind: 'data',
              text: 'Current state: onboarding CSAT 61, 1,850 tickets a month',
              source: 'Current-state map',
              daysAgo: 20,
            },
          ],
        },
        {
          text: 'Capture tips and confidence flags on scanned fields. Owner: Mobile team',
          tags: ['Q2'],
        },
        {
          text: 'Bot reads account context; transcript follows the ticket. Owner: Support ops',
          tags: ['Q1', 'handoff'],
          evidence: [
            {
              kind: 'data',
              text: 'Current state: 41% of sync tickets reopened',
              source: 'Helpdesk report',
              daysAgo: 34,
            },
          ],
        },
        {
          text: 'Quarterly value reviews; 90-day price notice policy. Owner: Customer success',
          tags: ['Q3'],
        },
      ],
    },
    {
      name: 'Target metrics',
      kind: 'metrics',
      cells: [
        { text: 'Target: pre-sales enquiries per month', metrics: { csat: 85, volume: 150 } },
        {
          text: 'Target: trial questions per month',
          metrics: { csat: 85, ces: 6, fcr: 85, volume: 200 },
        },
        {
          text: 'Target: contract questions per month',
          metrics: { csat: 80, ces: 5.5, fcr: 75, volume: 90 },
        },
        {
          text: 'Target: onboarding tickets per month',
          metrics: { csat: 80, ces: 5.5, fcr: 75, volume: 700 },
        },
        {
          text: 'Target: how-to questions per month',
          metrics: { csat: 88, ces: 6.2, fcr: 88, volume: 450 },
        },
        {
          text: 'Target: sync tickets per month',
          metrics: { csat: 78, ces: 5.2, fcr: 75, volume: 500 },
        },
        {
          text: 'Target: billing and renewal contacts per month',
          metrics: { csat: 82, ces: 5.8, fcr: 80, volume: 150 },
        },
      ],
    },
  ],
};
