"""Make an exported U-Net accept any input height and width (same weights, same arithmetic).

tf2onnx fixes the spatial sides of the input and of the mask output, and ends the mask path
with a ``Reshape`` to a constant ``(N, H, W, 1)`` shape. The network itself is fully
convolutional, so the graph is rewritten to name the sides ``H`` and ``W`` and to end with
the equivalent ``Transpose`` (NCHW with one channel -> NHWC). Serving then runs it on the
head's box (:mod:`ichseg.headbox`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

HEIGHT = "H"
WIDTH = "W"


def spatially_dynamic(proto: Any, mask_output: str | None = None) -> Any:
    """Rewrite a model proto in place so its input and mask output have symbolic H and W.

    Args:
        proto: An ``onnx.ModelProto`` with one NHWC input of rank 4 and a rank-4 mask
            output ``mask_output`` of one channel.
        mask_output: Name of the mask output; ``None``: ``prob`` if present, else the first.

    Returns:
        The same proto, checked with ``onnx.checker``.

    Raises:
        ValueError: When a ``Reshape`` depends on the fixed sides in a way this rewrite
            does not know.
    """
    import onnx
    from onnx import helper, numpy_helper

    graph = proto.graph
    names = [o.name for o in graph.output]
    if mask_output is None:
        mask_output = "prob" if "prob" in names else names[0]
    dims = graph.input[0].type.tensor_type.shape.dim
    if len(dims) != 4:
        raise ValueError(f"expected an NHWC input of rank 4, got rank {len(dims)}")
    fixed = {d.dim_value for d in dims[1:3] if d.dim_value}
    consts = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant":
            for attr in node.attribute:
                if attr.name == "value":
                    consts[node.output[0]] = numpy_helper.to_array(attr.t)
    for pos, node in enumerate(list(graph.node)):
        if node.op_type != "Reshape":
            continue
        const = consts.get(node.input[1])
        if const is None or not fixed.intersection(int(v) for v in np.ravel(const)):
            continue
        shape = [int(v) for v in np.ravel(const)]
        if len(shape) == 4 and shape[3] == 1 and node.output[0] == mask_output:
            # (N, 1, H, W) -> (N, H, W, 1): with one channel the reshape is this transpose.
            new = helper.make_node(
                "Transpose", [node.input[0]], list(node.output), name=node.name, perm=[0, 2, 3, 1]
            )
            graph.node.remove(node)
            graph.node.insert(pos, new)
        else:
            raise ValueError(f"Reshape {node.name} to {shape} depends on the fixed input size")
    for value in [graph.input[0], *[o for o in graph.output if o.name == mask_output]]:
        d = value.type.tensor_type.shape.dim
        if len(d) == 4:
            d[1].dim_param = HEIGHT
            d[2].dim_param = WIDTH
    used = {i for node in graph.node for i in node.input}
    for init in [i for i in graph.initializer if i.name not in used]:
        graph.initializer.remove(init)
    del graph.value_info[:]
    onnx.checker.check_model(proto)
    return proto


def make_dynamic_file(src: Path, dst: Path) -> Path:
    """Write a spatially dynamic copy of an ONNX file (``dst`` may equal ``src``).

    Args:
        src: The exported ``.onnx``.
        dst: Destination ``.onnx``.

    Returns:
        ``dst``.
    """
    import onnx

    proto = spatially_dynamic(onnx.load(str(src)))
    onnx.save(proto, str(dst))
    return dst
