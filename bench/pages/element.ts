import { allowStandIn, host } from './Driver';
import { elementDriver } from './elementDriver';
import { handDriver } from './handDriver';
import { submitBench } from './submitBench';

allowStandIn();
window.bench = { kit: elementDriver(host('kit')), hand: handDriver(host('hand')) };
window.submitBench = submitBench();
