from .seeding import set_seed
