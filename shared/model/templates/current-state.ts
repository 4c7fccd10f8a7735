import type { TemplateContent } from './content.js';

/**
 * Current state: a B2B SaaS expense-management product, seen by the finance lead who bought it.
 * Emotions dip at onboarding and support; onboarding and sync tickets dominate contact volume.
 * CES uses the 7-point "the company made it easy" scale: higher means less effort.
 */
export const currentState: TemplateContent = {
  name: 'Current-state journey map',
  description:
    'The experience as customers live it today, friction included: touchpoints, goals, actions, an emotion curve, channels, evidence-backed pain points, opportunities and CX metrics per stage.',
  persona: {
    name: 'Dana Whitfield',
    description:
      'Finance operations lead at a 150-person architecture firm. Owns month-end close and the choice of expense tool, is measured on close speed and clean audits, and has little patience for software her colleagues avoid.',
  },
  scenario:
    'Moving the firm from spreadsheet expense claims to our expense-management platform, from the first search to the first annual renewal.',
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
        {
          text: 'Comparison article found through search; a tip in a finance-ops community',
          channel: 'web',
          team: 'Marketing',
        },
        {
          text: 'Pricing page, product tour video, 30-minute demo with sales',
          channel: 'phone',
          team: 'Sales',
          expected: 1,
          expectation: 'A straight answer on whether it fits our accounting system',
        },
        {
          text: 'Quote, security questionnaire, order form sent for e-signature',
          channel: 'email',
          team: 'Sales',
          expected: 0,
        },
        {
          text: 'Welcome email series, in-app setup checklist, kickoff call',
          channel: 'in-app',
          team: 'Customer success',
          expected: 1,
          expectation: 'Everyone submitting claims within two weeks, with help at hand',
        },
        {
          text: 'Mobile receipt capture, approval notifications, month-end export',
          channel: 'in-app',
          team: 'Product',
        },
        {
          text: 'Help centre, chatbot, ticket form, email updates',
          channel: 'chat',
          team: 'Tier 1 support',
          expected: 1,
          expectation: 'The first person I reach knows my account and fixes the sync',
        },
        {
          text: 'Renewal notice 60 days out, account review call, invoice',
          channel: 'phone',
          team: 'Account management',
        },
      ],
    },
    {
      name: 'Customer goals',
      kind: 'goals',
      cells: [
        'Stop chasing paper receipts before the next audit',
        'Shortlist a tool that fits our accounting system and budget',
        'Get IT and the CFO to sign off without a long procurement cycle',
        'Have every employee submitting claims within two weeks',
        'Close the month without hunting for missing receipts',
        'Get a broken accounting sync fixed before the close deadline',
        'Show the CFO the tool has paid for itself',
      ],
    },
    {
      name: 'Customer actions',
      kind: 'actions',
      cells: [
        'Asks peers what they use; reads two vendor comparisons',
        'Books a demo, runs a trial with a test company',
        'Answers a 140-question security questionnaire; negotiates seat count',
        'Imports employees, maps categories to the chart of accounts, connects card feeds',
        'Approves claims on mobile; exports journals at month-end',
        'Searches the help centre, tries the bot, then opens a ticket',
        'Pulls usage reports and compares them with the original business case',
      ],
    },
    {
      name: 'Emotions',
      kind: 'emotions',
      cells: [
        { text: 'Hopeful: there seems to be a way out of spreadsheets', emotion: 1 },
        { text: 'Impressed by the demo, unsure about the accounting fit', emotion: 1 },
        { text: 'Impatient: the security review drags on for weeks', emotion: -1 },
        { text: 'Overwhelmed: category mapping is confusing and error-prone', emotion: -2 },
        { text: 'Relieved: approvals take minutes instead of days', emotion: 1 },
        { text: 'Frustrated: explains the same sync error to three people', emotion: -2 },
        { text: 'Cautiously positive, but the price rise stings', emotion: 0 },
      ],
    },
    {
      name: 'Channels',
      kind: 'channels',
      cells: [
        [
          { text: 'Search and review sites', channel: 'web' },
          { text: 'Finance-ops community', channel: 'social' },
        ],
        [
          { text: 'Pricing page and product tour', channel: 'web' },
          { text: 'Demo on a video call', channel: 'phone' },
        ],
        { text: 'Quote, questionnaire and contract', channel: 'email' },
        [
          { text: 'Welcome email series', channel: 'email' },
          { text: 'Setup checklist', channel: 'in-app' },
          { text: 'Kickoff call', channel: 'phone' },
        ],
        [
          { text: 'Mobile app and web dashboard', channel: 'in-app' },
          { text: 'Approval reminders', channel: 'email' },
        ],
        [
          { text: 'Chatbot, then live chat', channel: 'chat' },
          { text: 'Ticket updates', channel: 'email' },
          { text: 'Callback from second-line support', channel: 'phone' },
        ],
        [
          { text: 'Renewal notice', channel: 'email' },
          { text: 'Account review call', channel: 'phone' },
        ],
      ],
    },
    {
      name: 'Pain points',
      kind: 'painPoints',
      cells: [
        {
          text: 'Vendors all promise "effortless expenses"; hard to tell them apart',
          tags: ['messaging'],
        },
        {
          text: 'Trial has no sample data, so the accounting export cannot be tested before buying',
          tags: ['trial'],
          evidence: [
            {
              kind: 'quote',
              text: "I couldn't see what the export would look like until after we had signed.",
              source: 'Win/loss interview',
              daysAgo: 70,
            },
          ],
        },
        {
          text: 'Security review takes five weeks; answers live in a PDF nobody can find',
          tags: ['sales-ops'],
          evidence: [
            {
              kind: 'data',
              text: 'Median time from verbal yes to signed order: 37 days',
              source: 'CRM pipeline report',
              daysAgo: 52,
            },
          ],
        },
        [
          {
            text: 'Mapping categories to the chart of accounts is manual and easy to get wrong',
            tags: ['onboarding', 'accounting-sync'],
            evidence: [
              {
                kind: 'quote',
                text: 'We mapped eighty categories by hand and still got the VAT codes wrong.',
                source: 'NPS survey',
                daysAgo: 35,
              },
            ],
          },
          { text: 'Card feeds for some banks fail silently during setup', tags: ['onboarding'] },
        ],
        {
          text: 'Receipts photographed in poor light are misread; fields must be retyped',
          tags: ['ocr'],
          evidence: [
            {
              kind: 'quote',
              text: 'Half my receipts need fixing by hand, so why scan them at all?',
              source: 'App store review',
              daysAgo: 24,
            },
          ],
        },
        {
          text: 'The bot cannot see the account and the ticket loses the chat history, so the customer starts over',
          tags: ['handoff', 'accounting-sync'],
          evidence: [
            {
              kind: 'quote',
              text: 'Third person this week asking me for the same screenshot.',
              source: 'NPS survey',
              daysAgo: 35,
            },
            {
              kind: 'data',
              text: '41% of sync tickets are reopened at least once',
              source: 'Helpdesk report',
              daysAgo: 34,
            },
          ],
        },
        {
          text: 'The price increase appears for the first time in the renewal notice',
          tags: ['pricing'],
          evidence: [
            {
              kind: 'quote',
              text: 'Nobody mentioned a price change until the notice arrived.',
              source: 'Churn interview',
              daysAgo: 6,
            },
          ],
        },
      ],
    },
    {
      name: 'Opportunities',
      kind: 'opportunities',
      cells: [
        'Lead with a month-end close calculator instead of generic claims',
        'Trial sandbox preloaded with sample claims and a test export',
        {
          text: 'Public trust centre with a pre-filled security questionnaire',
          tags: ['quick-win'],
        },
        {
          text: 'Suggest category mappings from the imported chart of accounts; bank-feed health check',
          tags: ['onboarding'],
        },
        'Capture tips in the camera view and confidence flags on scanned fields',
        {
          text: 'Give the bot account context and pass the transcript into the ticket',
          tags: ['quick-win', 'handoff'],
        },
        'Quarterly value review with time saved; announce price changes 90 days ahead',
      ],
    },
    {
      name: 'Metrics',
      kind: 'metrics',
      cells: [
        { text: 'Pre-sales chat enquiries per month', metrics: { csat: 82, volume: 140 } },
        {
          text: 'Demo and trial questions per month',
          metrics: { csat: 79, ces: 5.4, fcr: 74, volume: 310 },
        },
        {
          text: 'Contract and security questions per month',
          metrics: { csat: 68, ces: 4.1, fcr: 52, volume: 190 },
        },
        {
          text: 'Onboarding tickets per month: the largest contact driver',
          tags: ['hotspot'],
          metrics: { csat: 61, ces: 3.2, fcr: 48, nps: -18, volume: 1850 },
        },
        {
          text: 'How-to questions per month',
          metrics: { csat: 84, ces: 5.8, fcr: 81, nps: 41, volume: 620 },
        },
        {
          text: 'Accounting-sync tickets per month',
          tags: ['hotspot'],
          metrics: { csat: 58, ces: 2.9, fcr: 44, nps: -27, volume: 1420 },
        },
        {
          text: 'Billing and renewal contacts per month',
          metrics: { csat: 72, ces: 4.6, fcr: 66, nps: 12, volume: 260 },
        },
      ],
    },
  ],
};
