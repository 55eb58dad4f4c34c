"""Keras -> ONNX export, parity checks, serving-path evaluation and the model card."""
