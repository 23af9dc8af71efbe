import { allowStandIn, host } from './Driver';
import { handDriver } from './handDriver';
import { reactDriver } from './reactDriver';

allowStandIn();
window.bench = { kit: reactDriver(host('kit')), hand: handDriver(host('hand')) };
