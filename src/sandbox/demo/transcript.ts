/** Turns recorded Web API calls into lines a person reads: who the bot spoke to, and what. */
export interface CallLike {
  method: string;
  args: Record<string, unknown>;
  httpStatus?: number;
}

function blockText(blocks: unknown): string[] {
  if (typeof blocks === 'string') {
    try {
      return blockText(JSON.parse(blocks));
    } catch {
      return [];
    }
  }
  if (!Array.isArray(blocks)) return [];
  const lines: string[] = [];
  for (const block of blocks as {
    type?: string;
    text?: { text?: string };
    elements?: { text?: unknown; action_id?: string }[];
  }[]) {
    if (block.text?.text) lines.push(...block.text.text.split('\n'));
    if (block.type === 'context') lines.push(...(block.elements ?? []).map((e) => String(e.text)));
    if (block.type === 'actions')
      lines.push(
        `[buttons: ${(block.elements ?? []).map((e) => (e.text as { text?: string } | undefined)?.text ?? e.action_id).join(' | ')}]`,
      );
  }
  return lines;
}

export function describeCall(call: CallLike, channelNames: Record<string, string>): string | undefined {
  const channel = String(call.args.channel ?? '');
  const where = channelNames[channel] ? `#${channelNames[channel]}` : channel;
  const body = (blockText(call.args.blocks).length > 0 ? blockText(call.args.blocks) : [String(call.args.text ?? '')])
    .map((l) => `      ${l}`)
    .join('\n');
  switch (call.method) {
    case 'chat.postMessage':
      return `  → ${where}${call.args.thread_ts ? ` (thread ${String(call.args.thread_ts)})` : ''}\n${body}`;
    case 'chat.update':
      return `  ✎ ${where} card ${String(call.args.ts)} updated\n${body}`;
    case 'chat.postEphemeral':
      return `  → ${where}, only visible to ${String(call.args.user)}\n${body}`;
    case 'views.open':
      return `  ▢ modal opened for a user`;
    default:
      return undefined;
  }
}
