/* ds-body-limit.h — refusing request bodies over the server's limit
 * before they fill memory.
 *
 * A Content-Length over the limit is answered 413 as soon as the headers
 * are read; a chunked body is counted while it arrives and refused the
 * moment it passes the limit. Either way the connection is taken from
 * libsoup, the answer written at once, and what the client still sends is
 * read and thrown away (never kept), so that it sees the answer rather
 * than a reset, and memory stays bounded by the limit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Refuses bodies over @limit bytes on every path of @soup. */
void ds_body_limit_install (SoupServer *soup, guint64 limit);

G_END_DECLS
