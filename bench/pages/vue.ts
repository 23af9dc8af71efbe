import { allowStandIn, host } from './Driver';
import { handDriver } from './handDriver';
import { vueDriver } from './vueDriver';

allowStandIn();
window.bench = { kit: vueDriver(host('kit')), hand: handDriver(host('hand')) };
