import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { Actor } from '../../../usecases/document-policy.ts';

/** The clicking user with their own organisation (an external user's team differs from ours). */
export const actorOf = (body: BlockAction): Actor => ({ id: body.user.id, teamId: body.user.team_id });

export const buttonValue = (body: BlockAction): string =>
  String((body.actions[0] as ButtonAction | undefined)?.value ?? '');

export const buttonActionId = (body: BlockAction): string =>
  String((body.actions[0] as ButtonAction | undefined)?.action_id ?? '');
