"""The benchmark's FLOP counter against a hand count on the tiny U-Net of conftest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture(scope="module")
def flops(load_benchmark: Callable[[str], ModuleType]) -> ModuleType:
    return load_benchmark("flops")


def test_conv_flops_are_twice_the_macs_of_every_conv(flops: ModuleType, tiny_unet: Path) -> None:
    # tiny U-Net, 64x64x3 input: conv 3->4 at 64x64, conv 4->4 at 32x32, conv 8->1 at 64x64
    macs = 4 * 64 * 64 * 3 * 9 + 4 * 32 * 32 * 4 * 9 + 1 * 64 * 64 * 8 * 9
    total, per_op, unknown = flops.count_flops(tiny_unet, batch=1)
    assert unknown == 0
    assert total == per_op["Conv"] == 2 * macs
    assert flops.count_flops(tiny_unet, batch=5)[0] == 5 * total


def test_matmul_peak_is_a_positive_rate(flops: ModuleType) -> None:
    assert flops.matmul_peak(n=128, repeats=2) > 0
