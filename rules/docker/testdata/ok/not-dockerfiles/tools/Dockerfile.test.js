export const dockerfile = 1;
