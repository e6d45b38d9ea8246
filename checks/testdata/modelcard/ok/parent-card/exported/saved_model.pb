pb
