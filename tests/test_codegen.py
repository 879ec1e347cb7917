"""cnnlab.codegen: the code a student copies and the module built from it are one call."""
from __future__ import annotations

import pytest
import torch
from torch import nn

from cnnlab.arithmetic import LayerError
from cnnlab.codegen import Call, sequential_code


@pytest.mark.parametrize("call", [
    Call("Conv2d", (3, 16), (("kernel_size", 3), ("padding", "same"), ("bias", False))),
    Call("MaxPool2d", (), (("kernel_size", 3), ("stride", 2))),
    Call("Linear", (400, 10)),
    Call("Dropout", (), (("p", 0.25),)),
])
def test_the_written_call_builds_the_same_module_as_the_call(call):
    written = eval(call.code(), {"nn": nn})
    built = call.build()
    assert type(written) is type(built) and repr(written) == repr(built)


def test_sequential_code_runs_and_prints_the_shape_and_parameters_it_states(capsys):
    lines = [(Call("Conv2d", (1, 4), (("kernel_size", 3),)), "4×6×6"), (Call("Flatten"), "144"),
             (Call("Linear", (144, 10)), "10")]
    code = sequential_code("Tiny", lines, (1, 8, 8), (10,), 4 * 9 + 4 + 144 * 10 + 10, "a tiny net")
    exec(compile(code, "<tiny>", "exec"), {})
    shape, params = capsys.readouterr().out.splitlines()
    assert shape == str(torch.Size([1, 10])) and params == "1490 parameters"
    assert "# 1,490" in code and "nn.Conv2d(1, 4, kernel_size=3)," in code
    with pytest.raises(LayerError, match="not a valid Python class name"):
        sequential_code("my net", lines, (1, 8, 8), (10,), 0, "")
