"""`--dask` addresses, the missing extra, and the default install without Dask."""
from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trucewatch.errors import InputError, TruceWatchError
from trucewatch.scale.cluster import ENV, dask_address, local_workers, require_dask
from trucewatch.store.filters import shard_bounds

ROOT = Path(__file__).resolve().parents[2]


def test_the_option_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv(ENV, "tcp://10.0.0.9:8786")
    assert dask_address("local:2") == "local:2"
    assert dask_address(None) == "tcp://10.0.0.9:8786"
    monkeypatch.setenv(ENV, "  ")
    assert dask_address(None) is None


def test_local_cluster_sizes():
    assert local_workers("local:3") == 3
    assert local_workers("local") >= 1
    assert local_workers("tcp://127.0.0.1:8786") is None
    for bad in ("local:0", "local:two", "local:"):
        with pytest.raises(InputError, match="local:N"):
            local_workers(bad)


def test_without_the_scale_extra_the_error_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(TruceWatchError, match=r"pip install 'trucewatch\[scale\]'"):
        require_dask()


def test_the_cli_says_so_too(monkeypatch, tmp_path, capsys):
    from trucewatch import cli

    monkeypatch.setitem(sys.modules, "distributed", None)
    report = tmp_path / "r.txt"
    report.write_text("date 2016-03-01\nShells hit a school in Testville on Monday.\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["trucewatch", "extract", str(report), "--dask", "local:1"])
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 1
    captured = capsys.readouterr()
    assert "trucewatch[scale]" in captured.err and captured.out == ""


def test_dask_stays_in_the_optional_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(dep.split("[")[0].split(">")[0].strip() in ("dask", "distributed")
                   for dep in project["dependencies"])
    assert any(dep.startswith("dask[distributed]") for dep in project["optional-dependencies"]["scale"])


def test_importing_the_scale_package_does_not_import_dask():
    import subprocess

    code = ("import sys, trucewatch.scale, trucewatch.scale.cluster, trucewatch.scale.parquet, "
            "trucewatch.scale.fusion; print('distributed' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


@given(st.integers(1, 64), st.text("0123456789abcdef", min_size=64, max_size=64))
def test_shards_cover_the_id_space_once(shards, document_id):
    holding = []
    for shard in range(shards):
        low, high = shard_bounds(shard, shards)
        if document_id >= low and (high is None or document_id < high):
            holding.append(shard)
    assert len(holding) == 1
