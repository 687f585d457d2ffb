"""The Expat Voices forum: board index, board thread lists, paginated threads."""

from __future__ import annotations

from typing import Any

from lurewatch.demo import content
from lurewatch.demo.board import html_lang
from lurewatch.demo.content import Thread
from lurewatch.demo.layout import FORUM_NAME, document, esc, page_url, pager
from lurewatch.demo.page import Page
from lurewatch.demo.tokens import Collector, plain_text, render_text

POSTS_PER_PAGE = 5
THREADS_PER_PAGE = 6


def thread_url(thread: Thread) -> str:
    return f"/forum/t/{thread.id}/"


def board_url(slug: str) -> str:
    return f"/forum/{slug}/"


def _jsonld(thread: Thread) -> dict[str, Any]:
    first = thread.posts[0]
    return {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "headline": plain_text(thread.title),
        "url": thread_url(thread),
        "author": {"@type": "Person", "name": plain_text(first.author)},
        "datePublished": first.date,
        "interactionStatistic": {
            "@type": "InteractionCounter",
            "interactionType": "https://schema.org/CommentAction",
            "userInteractionCount": len(thread.posts) - 1,
        },
    }


def thread_pages(thread: Thread) -> list[Page]:
    board = next(b for b in content.boards() if b.slug == thread.board)
    base = thread_url(thread)
    count = -(-len(thread.posts) // POSTS_PER_PAGE)
    out = []
    for n in range(1, count + 1):
        collector = Collector()
        posts = []
        for i, post in enumerate(thread.posts[(n - 1) * POSTS_PER_PAGE : n * POSTS_PER_PAGE]):
            number = (n - 1) * POSTS_PER_PAGE + i + 1
            body = "".join(f"<p>{render_text(p, collector)}</p>\n" for p in post.body)
            posts.append(
                f'<div class="post" id="post-{number}">\n'
                f'<div class="meta"><span class="author">{esc(plain_text(post.author))}</span> '
                f"&middot; <time>{esc(post.date)}</time> &middot; #{number}</div>\n"
                f'<div class="body">\n{body}</div>\n</div>\n'
            )
        main = (
            f'<p class="crumbs"><a href="/forum/">{FORUM_NAME}</a> &rsaquo; '
            f'<a href="{board_url(board.slug)}">{esc(board.name)}</a></p>\n'
            f"<h1>{esc(plain_text(thread.title))}</h1>\n"
            + "".join(posts)
            + pager(base, n, count)
        )
        doc = document(
            plain_text(thread.title),
            main,
            lang=html_lang(thread.lang),
            jsonld=[_jsonld(thread)] if thread.jsonld else None,
            section=FORUM_NAME,
        )
        out.append(
            Page(page_url(base, n), doc, "forum_thread", frozenset(collector.entities),
                 lang=thread.lang)
        )
    return out


def _thread_row(thread: Thread) -> str:
    last = thread.posts[-1]
    return (
        f'<li><a href="{thread_url(thread)}">{esc(plain_text(thread.title))}</a> '
        f'<span class="replies">{len(thread.posts) - 1} replies</span> '
        f"<span>last post {esc(last.date)} by {esc(plain_text(last.author))}</span></li>\n"
    )


def ordered(threads: list[Thread]) -> list[Thread]:
    return sorted(threads, key=lambda t: (t.posts[-1].date, t.id), reverse=True)


def forum_pages() -> list[Page]:
    threads = list(content.threads())
    pages = [p for t in threads for p in thread_pages(t)]
    rows = []
    for board in content.boards():
        mine = ordered([t for t in threads if t.board == board.slug])
        rows.append(
            f'<li><a href="{board_url(board.slug)}">{esc(board.name)}</a> - '
            f"{esc(board.description)} ({len(mine)} threads)</li>\n"
        )
        count = max(1, -(-len(mine) // THREADS_PER_PAGE))
        for n in range(1, count + 1):
            chunk = mine[(n - 1) * THREADS_PER_PAGE : n * THREADS_PER_PAGE]
            main = (
                f'<p class="crumbs"><a href="/forum/">{FORUM_NAME}</a></p>\n'
                f"<h1>{esc(board.name)}</h1>\n<p>{esc(board.description)}</p>\n"
                f'<ul class="threads">\n{"".join(_thread_row(t) for t in chunk)}</ul>\n'
                + pager(board_url(board.slug), n, count)
            )
            pages.append(
                Page(page_url(board_url(board.slug), n),
                     document(board.name, main, section=FORUM_NAME), "listing")
            )
    main = (
        f"<h1>{FORUM_NAME}</h1>\n<p>A community forum for people working abroad in Southeast "
        "Asia. Read the scam alerts before you accept an offer.</p>\n"
        f'<ul class="boards">\n{"".join(rows)}</ul>\n'
    )
    pages.append(Page("/forum/", document(FORUM_NAME, main, section=FORUM_NAME), "listing"))
    return pages


def latest_rows(count: int) -> str:
    return "".join(_thread_row(t) for t in ordered(list(content.threads()))[:count])
