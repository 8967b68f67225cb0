"""A Streamlit session without a browser: the same websocket protocol the page speaks (protobuf BackMsg / ForwardMsg),
for load tests on a 2-core machine where ten chromium tabs would measure the browsers instead of the server.

`Session.run(...)` asks for a rerun (a page, widget values) and returns when the server says the script finished:
that is the time a person waits before the page is settled, less the browser's drawing.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import connect

FINISHED = ForwardMsg.ScriptFinishedStatus


@dataclass
class Outcome:
    """One rerun: seconds from asking to the script's end, what went wrong (exceptions, error boxes), if anything, and
    what the server sent: messages, bytes, and bytes by element kind."""

    seconds: float
    errors: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    messages: int = 0
    sent_bytes: int = 0
    bytes_by_kind: Counter = field(default_factory=Counter)


def _kind(fwd: ForwardMsg) -> str:
    """What a message carries: an element's kind for a new element, a block, a reference to a cached message..."""
    kind = fwd.WhichOneof("type")
    if kind != "delta":
        return kind or "?"
    delta = fwd.delta.WhichOneof("type")
    return fwd.delta.new_element.WhichOneof("type") or "element" if delta == "new_element" else delta or "?"


class Session:
    """One browser-less session on the app at `url` (http://host:port)."""

    def __init__(self, url: str, *, timeout: float = 120) -> None:
        self.timeout = timeout
        ws_url = url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.ws = connect(ws_url, subprotocols=["streamlit"], origin=url, max_size=None, open_timeout=timeout)
        self.pages: dict[str, str] = {}  # url path ("" for the default page) -> page script hash
        self.widgets: dict[str, str] = {}  # a widget's key or query-parameter name -> its id
        self.page_hash = ""
        self.cached: set[str] = set()  # the large elements received, which the browser keeps and the server then refers to

    def close(self) -> None:
        self.ws.close()

    def run(
        self, *, page: str | None = None, query: str = "", strings: dict[str, str] | None = None, lists: dict[str, list[str]] | None = None
    ) -> Outcome:
        """Rerun on `page` (a url path such as "trends"; None: the same page) with these widget values (by key)."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        if page is not None:
            self.page_hash = self.pages.get(page, "")
            if not self.page_hash:  # a first run: the page by its address, as a browser opening a link asks for it
                state.page_name = page
        state.page_script_hash = self.page_hash
        state.cached_message_hashes.extend(sorted(self.cached))
        for key, value in (strings or {}).items():
            if key in self.widgets:
                self.widgets_state(state, key).string_value = value
        for key, values in (lists or {}).items():
            if key in self.widgets:
                self.widgets_state(state, key).string_array_value.data.extend(values)
        start = time.perf_counter()
        self.ws.send(msg.SerializeToString())
        return self._until_finished(start)

    def widgets_state(self, state, key: str) -> WidgetState:
        widget = state.widget_states.widgets.add()
        widget.id = self.widgets[key]
        return widget

    def _until_finished(self, start: float) -> Outcome:
        outcome = Outcome(0.0)
        deadline = start + self.timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                outcome.errors.append(f"no answer within {self.timeout:.0f} s")
                break
            try:
                data = self.ws.recv(timeout=left)
            except TimeoutError:
                continue
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            outcome.messages += 1
            outcome.sent_bytes += len(data)
            outcome.bytes_by_kind[_kind(fwd)] += len(data)
            if fwd.metadata.cacheable:
                self.cached.add(fwd.hash)
            if kind == "navigation" or kind == "new_session":
                pages = fwd.navigation.app_pages if kind == "navigation" else fwd.new_session.app_pages
                for app_page in pages:
                    self.pages[app_page.url_pathname] = app_page.page_script_hash
                if kind == "navigation" and fwd.navigation.page_script_hash:
                    self.page_hash = fwd.navigation.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                self._element(fwd.delta.new_element, outcome)
            elif kind == "script_finished":
                if fwd.script_finished == FINISHED.FINISHED_EARLY_FOR_RERUN:
                    continue
                if fwd.script_finished == FINISHED.FINISHED_WITH_COMPILE_ERROR:
                    outcome.errors.append("script did not compile")
                break
        outcome.seconds = time.perf_counter() - start
        return outcome

    def _element(self, element, outcome: Outcome) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            outcome.errors.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "alert":
            if element.alert.format == element.alert.ERROR:
                outcome.errors.append(element.alert.body)
            outcome.texts.append(element.alert.body)
        elif kind in ("markdown", "heading"):
            outcome.texts.append(getattr(element, kind).body)
        elif kind == "metric":
            outcome.texts.append(f"{element.metric.label}={element.metric.body}")
        elif kind in ("multiselect", "selectbox", "toggle", "checkbox", "button", "radio"):
            widget = getattr(element, kind)
            self.widgets.setdefault(widget.id.rsplit("-", 1)[-1], widget.id)
            if getattr(widget, "query_param_key", ""):
                self.widgets[widget.query_param_key] = widget.id
