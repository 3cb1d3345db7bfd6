import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { spaceLocator } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import { SPACE_ID } from '../space/common';
import { SHARE_ID, shareLocator } from './common';

const properties: INodeProperties[] = [spaceLocator, shareLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['spaceShare'], operation: ['get'] } },
	properties,
);

export const operation: OperationSpec = {
	...rowFacts('spaceShare', 'get'),
	pathParams: [SPACE_ID, SHARE_ID],
};
