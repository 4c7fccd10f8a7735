/* The e-mails journeyboard sends: a plain-text part and an HTML part saying the same. */

export const PRODUCT = 'journeyboard';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Names typed by people end up in a header: one line, whatever they typed. */
export const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The HTML part: the paragraphs, then the one button (the link the mail exists to carry). */
function html(title: string, paragraphs: string[], button: { label: string; href: string }) {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2933;">
${body}
<p><a href="${escapeHtml(button.href)}" style="display: inline-block; padding: 10px 16px; background: #2457c5; color: #fff; border-radius: 6px; text-decoration: none;">${escapeHtml(button.label)}</a></p>
<p style="color: #616e7c; font-size: 13px;">Or open this address: ${escapeHtml(button.href)}</p>
</body></html>`;
}

export function passwordResetMail(input: {
  workspaceName: string;
  link: string;
  validMinutes: number;
}): RenderedMail {
  const workspace = oneLine(input.workspaceName);
  const subject = `Reset your ${PRODUCT} password (${workspace})`;
  const lines = [
    `Someone asked to reset the password of your ${PRODUCT} account in ${workspace}.`,
    `The link works once, for ${input.validMinutes} minutes. Choosing a new password signs you out everywhere else.`,
    'If it was not you, ignore this e-mail: your password stays as it is.',
  ];
  return {
    subject,
    text: `${lines[0]}\n\nChoose a new password:\n${input.link}\n\n${lines[1]}\n\n${lines[2]}\n`,
    html: html(subject, lines, { label: 'Choose a new password', href: input.link }),
  };
}

export function invitationMail(input: {
  workspaceName: string;
  inviterName: string;
  role: string;
  link: string;
  expiresAt: string;
}): RenderedMail {
  const workspace = oneLine(input.workspaceName);
  const inviter = oneLine(input.inviterName);
  const subject = `${inviter} invited you to ${workspace} on ${PRODUCT}`;
  const until = new Date(input.expiresAt).toUTCString();
  const lines = [
    `${inviter} invited you to join ${workspace} on ${PRODUCT} as ${input.role === 'admin' ? 'an' : 'a'} ${input.role}.`,
    `Open the link to create your account. It works until ${until}, for this address only.`,
  ];
  return {
    subject,
    text: `${lines[0]}\n\nAccept the invitation:\n${input.link}\n\n${lines[1]}\n`,
    html: html(subject, lines, { label: 'Accept the invitation', href: input.link }),
  };
}
