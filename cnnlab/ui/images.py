"""The image picker shared by the "seeing inside" pages: a bundled sample (in the URL) or the student's upload.

    from cnnlab.ui.images import image_picker, picked_source
    image = image_picker("img")          # PIL RGB/L image, never a traceback; None only if no sample exists
    kind, name = picked_source("img")    # ("sample", "cat") or ("upload", "my_photo.jpg")

The sample's name is in ``?img=`` (shareable); an upload wins over the sample while it is there. A broken
upload shows its error in the page's language (``ui.error_text``) and the sample is used instead; so does an upload
larger than the teacher's limit (``cnnlab.ui.jobs.classroom().upload_mb``). Decoded images are
cached: samples once per process, an upload once per file (by the uploader's file id) in session state.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st
from PIL import Image

from cnnlab import i18n, ui
from cnnlab.images import ImageError, load_image, load_sample, sample_images
from cnnlab.ui.jobs import classroom

__all__ = ["image_picker", "picked_source", "UPLOAD_TYPES", "sample_label"]

UPLOAD_TYPES = ["png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff"]


@st.cache_resource(max_entries=16, show_spinner=False)
def _sample(name: str) -> Image.Image:
    # one object for every session (never modified: PIL operations return new images), so its fingerprint and
    # the results keyed by it are computed once (cnnlab.ui.shared.image_key)
    return load_sample(name)


def sample_label(name: str, lang: str | None = None) -> str:
    """Translated sample title (``images.sample_<name>``), the file name when there is none."""
    key = f"images.sample_{name}"
    return i18n.t(key, lang or ui.lang()) if i18n.has(key) else name


def _labels() -> Any:
    code = ui.lang()  # bound now: format_func may run outside the script (see ui.option_labels)
    return lambda name: sample_label(name, code)


def _decode_upload(key: str, uploaded: Any) -> tuple[Image.Image | None, ImageError | None]:
    """Decode once per uploaded file; reruns (slider moves) reuse the result."""
    memo_key = f"cnnlab.images.{key}"
    file_id = getattr(uploaded, "file_id", None) or (uploaded.name, uploaded.size)
    memo = st.session_state.get(memo_key)
    if memo is not None and memo[0] == file_id:
        return memo[1], memo[2]
    try:
        image, error = load_image(uploaded.getvalue()), None
    except ImageError as exc:
        image, error = None, exc
    st.session_state[memo_key] = (file_id, image, error)
    return image, error


def image_picker(key: str = "img", *, samples: Sequence[str] | None = None, default: str | None = None,
                 container: Any = None) -> Image.Image | None:
    """Sample select (``?<key>=name``) + file uploader; returns the upload if it decodes, else the sample."""
    box = st if container is None else container
    names = [n for n in sample_images() if samples is None or n in samples]
    source_key = f"cnnlab.images.{key}.source"
    sample = None
    if names:
        choice = ui.qp_select(ui.t("images.sample"), names, default if default in names else names[0], key=key,
                              format_func=_labels(), container=box)
        sample = _sample(choice)
        st.session_state[source_key] = ("sample", choice)
    uploaded = box.file_uploader(ui.t("images.upload"), type=UPLOAD_TYPES, key=f"{key}_upload",
                                 help=ui.t("images.upload_help"))
    if uploaded is None:
        return sample
    limit_mb = classroom().upload_mb   # the teacher's limit (Streamlit's maxUploadSize cannot change while running)
    if uploaded.size > limit_mb * 2**20:
        ui.show_error(None, title=ui.t("images.err_title"), message=ui.t(
            "common.upload_too_big", size=f"{uploaded.size / 2**20:.1f}", limit=limit_mb),
            hint=ui.t("images.fallback") if sample is not None else None, container=box)
        return sample
    image, error = _decode_upload(key, uploaded)
    if error is not None:
        ui.show_error(error, title=ui.t("images.err_title"),
                      hint=ui.t("images.fallback") if sample is not None else None, container=box)
        return sample
    st.session_state[source_key] = ("upload", uploaded.name)
    box.caption(ui.t("images.using_upload", name=uploaded.name, w=image.width, h=image.height, mode=image.mode))
    return image


def picked_source(key: str = "img") -> tuple[str, str]:
    """What :func:`image_picker` returned last: ``("sample", name)``, ``("upload", file name)`` or ``("", "")``."""
    return st.session_state.get(f"cnnlab.images.{key}.source", ("", ""))
