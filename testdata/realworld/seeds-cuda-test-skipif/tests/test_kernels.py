import unittest

import torch

from fastnorm import rms_norm


class TestRMSNorm(unittest.TestCase):
    @unittest.skipIf(not torch.cuda.is_available(), "needs a GPU")
    def test_matches_reference_on_cuda(self):
        x = torch.ones(4, 64, device="cuda")
        w = torch.ones(64, device="cuda")
        ref = x / x.pow(2).mean(-1, keepdim=True).add(1e-6).sqrt() * w
        torch.testing.assert_close(rms_norm(x, w), ref)


if __name__ == "__main__":
    unittest.main()
