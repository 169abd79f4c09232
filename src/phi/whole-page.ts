// The fail-safe entity: a whole page masked because nobody could read or check it.
import type { Size } from '../imaging/geometry.js';
import type { PhiEntity } from './types.js';

/** The whole page as one entity: what a page nobody could read or check is masked with. */
export function wholePage(page: Size): PhiEntity {
  return {
    category: 'UNREADABLE',
    bbox: { x: 0, y: 0, w: page.width, h: page.height },
    confidence: 1,
    detector: 'fail-safe',
  };
}
