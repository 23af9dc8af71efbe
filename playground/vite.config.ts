import { hello } from '@captchala-kit/testing';
console.log('CONFIG', hello('x'));
export default {};
