import { host } from './Driver';
import { handDriver } from './handDriver';
import { reactDriver } from './reactDriver';

window.bench = { kit: reactDriver(host('kit')), hand: handDriver(host('hand')) };
