/* The notification e-mail: one or more inbox items, grouped by map, each with its link. */
import { describeKind, type NotificationKind } from '../../shared/protocol/inbox.js';
import { escapeHtml, oneLine, PRODUCT, type RenderedMail } from './templates.js';

export interface MailedItem {
  kind: NotificationKind;
  actorName: string;
  excerpt: string;
  /** Absolute, from `PUBLIC_URL`: the board at the thread, or the boards page. */
  link: string;
}

export interface MailedSection {
  /** The board's title; null for items about no board (added to a workspace). */
  boardTitle: string | null;
  items: MailedItem[];
}

export interface NotificationMailInput {
  /** The one workspace every item is in, for the subject; null when they span several. */
  workspaceName: string | null;
  sections: MailedSection[];
  /** Where the person changes what they get (the account page). */
  settingsLink: string;
  /** The signed one-click unsubscribe page (W177). */
  unsubscribeLink: string;
  daily: boolean;
}

const line = (item: MailedItem) => `${oneLine(item.actorName)} ${describeKind(item.kind)}`;

function subjectOf(input: NotificationMailInput): string {
  const items = input.sections.flatMap((s) => s.items);
  const boards = input.sections.filter((s) => s.boardTitle !== null);
  const where =
    boards.length === 1
      ? ` on ${oneLine(boards[0]!.boardTitle!)}`
      : boards.length > 1
        ? ` on ${boards.length} maps`
        : '';
  const what =
    items.length === 1
      ? `${line(items[0]!)}${where}`
      : `${items.length} ${input.daily ? 'updates today' : 'new updates'}${where}`;
  const prefix = input.workspaceName ? `[${oneLine(input.workspaceName)}] ` : `[${PRODUCT}] `;
  return `${prefix}${what}`;
}

function textOf(input: NotificationMailInput): string {
  const parts: string[] = [];
  for (const section of input.sections) {
    parts.push(section.boardTitle ? `${oneLine(section.boardTitle)}\n` : '');
    for (const item of section.items) {
      const quote = item.excerpt ? `\n  “${item.excerpt}”` : '';
      parts.push(`- ${line(item)}${quote}\n  ${item.link}\n`);
    }
    parts.push('\n');
  }
  return `${parts.join('')}--
You get this because of your ${PRODUCT} notification settings: ${input.settingsLink}
Unsubscribe from these e-mails: ${input.unsubscribeLink}
`;
}

function htmlOf(input: NotificationMailInput, subject: string): string {
  const sections = input.sections
    .map((section) => {
      const heading = section.boardTitle
        ? `<h2 style="font-size: 16px; margin: 20px 0 8px;">${escapeHtml(oneLine(section.boardTitle))}</h2>`
        : '';
      const items = section.items
        .map((item) => {
          const quote = item.excerpt
            ? `<br><span style="color: #3e4c59;">“${escapeHtml(item.excerpt)}”</span>`
            : '';
          return `<li style="margin: 0 0 10px;"><strong>${escapeHtml(oneLine(item.actorName))}</strong> ${escapeHtml(describeKind(item.kind))}${quote}<br><a href="${escapeHtml(item.link)}">Open</a></li>`;
        })
        .join('\n');
      return `${heading}<ul style="padding-left: 18px;">\n${items}\n</ul>`;
    })
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2933;">
${sections}
<p style="color: #616e7c; font-size: 13px; margin-top: 24px;">You get this because of your ${PRODUCT} <a href="${escapeHtml(input.settingsLink)}">notification settings</a>. <a href="${escapeHtml(input.unsubscribeLink)}">Unsubscribe</a> from these e-mails.</p>
</body></html>`;
}

export function notificationMail(input: NotificationMailInput): RenderedMail {
  const subject = subjectOf(input);
  return { subject, text: textOf(input), html: htmlOf(input, subject) };
}
