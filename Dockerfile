# syntax=docker/dockerfile:1
# cnnlab's image: one Streamlit process of the app per container; compose.yaml runs several behind HAProxy and
# uses the same image for the Ray head. Build:
#   docker build -t cnnlab:cpu .
#   docker build -t cnnlab:gpu --build-arg TORCH_INDEX=https://download.pytorch.org/whl/cu128 .   # Ray GPU workers
# No Docker at hand? scripts/image_steps.sh runs these steps in a fresh virtual environment instead.
FROM python:3.11-slim

# CPU wheels keep the image small (PyPI's default Linux torch wheels carry ~3 GB of CUDA libraries). For GPU
# containers pick the index of a CUDA version the host's driver supports (cu126, cu128, …): the wheels bring
# their own CUDA runtime, the host only needs the NVIDIA driver and the NVIDIA Container Toolkit.
ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
# One Ray version for every container: Ray's client (the app's job service) and its cluster must match exactly.
# An empty value leaves Ray out (an app that only uses its local job pool).
ARG RAY_SPEC="ray[default]==2.60.0"

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0

# A non-root user; its torch cache folder exists so that a named volume mounted there keeps its owner.
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin cnnlab \
 && install -d -o cnnlab -g cnnlab /home/cnnlab/.cache /home/cnnlab/.cache/torch

WORKDIR /app
COPY requirements.txt ./
RUN pip install --index-url "$TORCH_INDEX" torch torchvision \
 && pip install -r requirements.txt $RAY_SPEC
# torch and torchvision from two different builds import fine and fail on the first torchvision operator:
# stop the build here rather than on a student's page.
RUN python -c "import torch, torchvision; torchvision.ops.nms(torch.zeros(1, 4), torch.ones(1), 0.5)"

# The app (owned by root, read-only to the app's user), with .streamlit/config.toml: the classroom settings
# (fileWatcherType = "none", 10 MB uploads, headless).
COPY . .
USER cnnlab
# Optional: bake the ImageNet weights of the "seeing inside" pages into the image (a classroom offline from then on):
#   docker build --build-arg FETCH_WEIGHTS="alexnet vgg16 resnet18 googlenet" .   (or "all")
ARG FETCH_WEIGHTS=""
RUN if [ -n "$FETCH_WEIGHTS" ]; then \
      python -m cnnlab fetch-weights $( [ "$FETCH_WEIGHTS" = all ] || echo "$FETCH_WEIGHTS" ); fi

EXPOSE 8501
# No curl in the slim image: Python asks Streamlit's health endpoint.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD python -c "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/_stcore/health' % os.environ['STREAMLIT_SERVER_PORT'], timeout=4)"
CMD ["streamlit", "run", "app.py"]
