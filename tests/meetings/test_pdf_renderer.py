"""The renderer's set-up: fewer garbage collections during a render, and the warm-up a
worker process does when it starts (issue 11 item 14)."""

import gc

import pytest
from celery.signals import worker_process_init

from meetings import pdf, tasks


def test_few_collections_raises_the_threshold_only_while_it_runs():
    before = gc.get_threshold()
    with pdf.few_collections():
        assert gc.get_threshold() == (max(pdf.RENDER_GC_THRESHOLD, before[0]), *before[1:])
    assert gc.get_threshold() == before


def test_few_collections_puts_the_thresholds_back_when_the_render_fails():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), pdf.few_collections():
        raise RuntimeError("render failed")
    assert gc.get_threshold() == before


def test_warm_up_renders_with_the_print_stylesheet(monkeypatch):
    written = []
    from weasyprint import HTML

    real_write = HTML.write_pdf

    def write_pdf(self, *args, **kwargs):
        written.append(real_write(self, *args, **kwargs))
        return written[-1]

    monkeypatch.setattr(HTML, "write_pdf", write_pdf)
    pdf.warm_up()
    assert written and written[0].startswith(b"%PDF")


def test_a_worker_process_warms_up_when_it_starts(monkeypatch):
    calls = []
    monkeypatch.setattr(pdf, "warm_up", lambda: calls.append("warmed"))
    worker_process_init.send(sender=None)
    assert calls == ["warmed"]


def test_a_failed_warm_up_is_logged_and_does_not_stop_the_worker(monkeypatch, caplog):
    def broken():
        raise OSError("no fonts")

    monkeypatch.setattr(pdf, "warm_up", broken)
    tasks.warm_up_renderer()
    assert "could not be warmed up" in caplog.text
