/* ds-body-limit.c — see ds-body-limit.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-body-limit.h"

#include <json-c/json.h>
#include <string.h>

#define DRAIN_BLOCK (64 * 1024)
/* What a refused client may still send, and for how long, before the
 * connection is simply closed. */
#define DRAIN_MAX ((guint64) 256 * 1024 * 1024)
#define DRAIN_SECONDS 30

typedef struct {
  GIOStream    *stream;
  GCancellable *cancel;
  guint         timeout;
  guint64       drained;
  guint8        buf[DRAIN_BLOCK];
} Drain;

static void
drain_free (Drain *d)
{
  if (d->timeout != 0)
    g_source_remove (d->timeout);
  g_io_stream_close (d->stream, NULL, NULL);
  g_object_unref (d->stream);
  g_object_unref (d->cancel);
  g_free (d);
}

static gboolean
drain_timeout (gpointer data)
{
  Drain *d = data;

  d->timeout = 0;
  g_cancellable_cancel (d->cancel);
  return G_SOURCE_REMOVE;
}

static void
drain_read (GObject *source, GAsyncResult *result, gpointer data)
{
  Drain *d = data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0 || (d->drained += (guint64) n) > DRAIN_MAX)
    {
      drain_free (d);
      return;
    }
  g_input_stream_read_async (G_INPUT_STREAM (source), d->buf, sizeof d->buf, G_PRIORITY_LOW, d->cancel,
                             drain_read, d);
}

static char *
too_large_answer (void)
{
  json_object *o = json_object_new_object ();
  g_autofree char *body = NULL;

  json_object_object_add (o, "status_code", json_object_new_int (4131));
  json_object_object_add (o, "error", json_object_new_string ("Ukuran permintaan melebihi batas server"));
  json_object_object_add (o, "code", json_object_new_string ("TOO_LARGE"));
  body = g_strdup (json_object_to_json_string_ext (o, JSON_C_TO_STRING_PLAIN));
  json_object_put (o);
  return g_strdup_printf ("HTTP/1.1 413 Payload Too Large\r\nServer: besign-devserver/%s\r\n"
                          "Content-Type: application/json; charset=utf-8\r\nContent-Length: %zu\r\n"
                          "Connection: close\r\n\r\n%s", BESIGN_VERSION, strlen (body), body);
}

/* Answers 413 on the connection itself and drains it; @msg is gone after. */
static void
refuse (SoupServerMessage *msg, const char *why)
{
  g_autofree char *line = g_strdup_printf ("%s %s -> 413 (%s)", soup_server_message_get_method (msg),
                                           g_uri_get_path (soup_server_message_get_uri (msg)), why);
  g_autofree char *answer = too_large_answer ();
  GIOStream *stream = soup_server_message_steal_connection (msg);
  Drain *d;

  g_message ("%s", line);
  if (stream == NULL)
    return;
  d = g_new0 (Drain, 1);
  d->stream = stream;
  d->cancel = g_cancellable_new ();
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (stream), answer, strlen (answer), NULL, NULL, NULL)
      || !g_output_stream_flush (g_io_stream_get_output_stream (stream), NULL, NULL))
    {
      drain_free (d);
      return;
    }
  d->timeout = g_timeout_add_seconds (DRAIN_SECONDS, drain_timeout, d);
  g_input_stream_read_async (g_io_stream_get_input_stream (stream), d->buf, sizeof d->buf, G_PRIORITY_LOW,
                             d->cancel, drain_read, d);
}

typedef struct {
  guint64  limit;
  guint64  received;
  gboolean refused;
} Counter;

static void
on_chunk (SoupServerMessage *msg, GBytes *chunk, gpointer data)
{
  Counter *c = data;

  c->received += g_bytes_get_size (chunk);
  if (c->received > c->limit && !c->refused)
    {
      c->refused = TRUE;
      refuse (msg, "chunked body over the limit");
    }
}

static void
on_early (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  guint64 limit = *(guint64 *) data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  Counter *c;

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      if ((guint64) soup_message_headers_get_content_length (headers) > limit)
        refuse (msg, "Content-Length over the limit");
      break;
    case SOUP_ENCODING_CHUNKED:
      c = g_new0 (Counter, 1);
      c->limit = limit;
      g_signal_connect_data (msg, "got-chunk", G_CALLBACK (on_chunk), c, (GClosureNotify) (void (*) (void)) g_free, 0);
      break;
    default:
      break;
    }
}

void
ds_body_limit_install (SoupServer *soup, guint64 limit)
{
  guint64 *copy = g_new (guint64, 1);

  *copy = limit;
  soup_server_add_early_handler (soup, NULL, on_early, copy, g_free);
}
