import { host } from './Driver';
import { handDriver } from './handDriver';
import { vueDriver } from './vueDriver';

window.bench = { kit: vueDriver(host('kit')), hand: handDriver(host('hand')) };
