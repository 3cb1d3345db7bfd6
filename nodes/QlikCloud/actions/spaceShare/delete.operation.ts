import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { spaceLocator } from '../../shared/descriptions';
import type { OperationSpec } from '../../shared/types';
import { TIER_2 } from '../../shared/types';
import { SPACE_ID } from '../space/common';
import { SHARE_ID, shareLocator } from './common';

const properties: INodeProperties[] = [spaceLocator, shareLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['spaceShare'], operation: ['delete'] } },
	properties,
);

export const operation: OperationSpec = {
	method: 'DELETE',
	path: '/api/v1/spaces/{spaceId}/shares/{shareId}',
	tier: TIER_2,
	pathParams: [SPACE_ID, SHARE_ID],
	response: { kind: 'empty', output: { deleted: true } },
};
