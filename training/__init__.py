"""Training the ichseg U-Net (Keras 3): data, model, losses, loops and distributed runs.

Heavy dependencies (Keras, TensorFlow) are imported inside the modules that need them, so
``import training`` stays cheap.
"""
