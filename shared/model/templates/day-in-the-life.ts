import type { TemplateContent } from './content.js';

/**
 * Day in the life: a tradesperson's ordinary working day, seen through his mobile and broadband
 * service. Stages are times of day; the telecom shows up in the gaps between his own goals.
 */
export const dayInTheLife: TemplateContent = {
  name: 'Day-in-the-life map',
  description:
    'Follows one person through an ordinary day, so the team sees where the service fits into their routine and where it gets in the way, not only the moments they actively use it.',
  persona: {
    name: 'Marcus Oyelaran',
    description:
      'Self-employed electrician, 38, who runs his business from his phone: quotes, invoices, supplier calls and navigation between jobs. On a 30 GB business mobile plan with home broadband from the same provider.',
  },
  scenario:
    'An ordinary Tuesday with three customer jobs, seen through his mobile and broadband service.',
  stages: [
    '06:30 Wake up',
    '07:30 Drive to first job',
    '10:00 On site',
    '12:30 Lunch in the van',
    '15:00 Supplier run',
    '18:30 Home with family',
    '22:00 Wind down',
  ],
  lanes: [
    {
      name: 'Activities',
      kind: 'actions',
      cells: [
        "Checks messages and the day's job list over breakfast",
        'Navigates to a new address; takes a supplier call hands-free',
        'Photographs the fuse board, looks up a wiring diagram, sends a quote',
        'Eats in the van, pays two bills and checks his data balance',
        'Orders parts at the wholesaler; asks about a SIM for the van tracker',
        'Helps with homework while the kids stream on the home wifi',
        "Invoices the day's jobs on the laptop; opens this month's bill",
      ],
    },
    {
      name: 'Goals',
      kind: 'goals',
      cells: [
        'Know where he is going and what to bring',
        'Arrive on time without touching the phone',
        'Look professional: send the quote before leaving the site',
        'Get admin done in twenty minutes so the evening stays free',
        'Get the parts and get back to work',
        'Be with the family, not on the phone',
        'Get paid, and understand what he is paying for',
      ],
    },
    {
      name: 'Touchpoints',
      kind: 'touchpoints',
      cells: [
        '"80% of data used" push notification',
        'Network coverage along the ring road',
        'Mobile signal in a basement plant room; laptop hotspot',
        'Usage and bill screens in the provider app',
        'Provider store next to the wholesaler',
        'Home broadband router',
        'Bill email showing out-of-bundle charges',
      ],
    },
    {
      name: 'Channels',
      kind: 'channels',
      cells: [
        { text: 'Push notification from the app', channel: 'in-app' },
        { text: 'Voice calls on the mobile network', channel: 'phone' },
        { text: 'Coverage checker on the website', channel: 'web' },
        [
          { text: 'Provider app', channel: 'in-app' },
          { text: 'Live chat about a data add-on', channel: 'chat' },
        ],
        { text: 'Store visit', channel: 'store' },
        null,
        [
          { text: 'Monthly bill', channel: 'email' },
          { text: 'Chatbot (the billing line closes at 20:00)', channel: 'chat' },
        ],
      ],
    },
    {
      name: 'Emotions',
      kind: 'emotions',
      cells: [
        { text: 'Calm, planning the day', emotion: 1 },
        { text: 'Tense: the call drops twice on the ring road', emotion: -1 },
        { text: 'Stressed: no signal underground, the quote is held up', emotion: -2 },
        { text: 'Annoyed: data nearly gone halfway through the month', emotion: -1 },
        { text: 'Pleased: store staff set up the second SIM in minutes', emotion: 1 },
        { text: 'Relaxed: the broadband copes with everyone online', emotion: 1 },
        { text: 'Irritated: an unexplained charge and no one to ask tonight', emotion: -2 },
      ],
    },
    {
      name: 'Pain points',
      kind: 'painPoints',
      cells: [
        {
          text: 'The usage alert warns him but suggests nothing he can do about it',
          tags: ['usage'],
        },
        {
          text: 'Calls drop in the same two dead spots on his daily route',
          tags: ['coverage'],
          evidence: [
            {
              kind: 'quote',
              text: 'Same roundabout, same dropped call, every single morning.',
              source: 'Network complaint ticket',
              daysAgo: 30,
            },
          ],
        },
        {
          text: 'No indoor signal in basements; he walks outside to send quotes',
          tags: ['coverage'],
          evidence: [
            {
              kind: 'quote',
              text: 'I spend more time looking for one bar of signal than doing the inspection.',
              source: 'Field interview',
              daysAgo: 44,
            },
          ],
        },
        {
          text: 'Laptop hotspot use eats the allowance; add-ons cost more than a bigger plan',
          tags: ['pricing', 'usage'],
        },
        null,
        null,
        {
          text: 'The bill shows an out-of-bundle charge without the session that caused it',
          tags: ['billing'],
          evidence: [
            {
              kind: 'quote',
              text: 'Four pounds fifty for what? It does not say, and nobody answers after eight.',
              source: 'NPS verbatim',
              daysAgo: 12,
            },
          ],
        },
      ],
    },
    {
      name: 'Opportunities',
      kind: 'opportunities',
      cells: [
        'Usage alerts that offer the cheapest fix in one tap',
        {
          text: 'Fix known dead spots on commuter routes; Wi-Fi calling on by default',
          tags: ['coverage'],
        },
        'Signal booster offer for tradespeople who work underground',
        'Business plan with a hotspot allowance sized for laptop work',
        'Store staff see usage patterns and can suggest a better plan',
        null,
        {
          text: 'Itemised charges in the app; billing chat open until 22:00',
          tags: ['billing', 'quick-win'],
        },
      ],
    },
  ],
};
