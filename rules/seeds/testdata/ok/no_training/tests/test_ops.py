import unittest

import torch


class TestOps(unittest.TestCase):
    @unittest.skipIf(not torch.cuda.is_available(), "needs CUDA")
    def test_add(self):
        self.assertEqual((torch.ones(2, device="cuda") + 1).sum().item(), 4.0)


if __name__ == "__main__":
    unittest.main()
