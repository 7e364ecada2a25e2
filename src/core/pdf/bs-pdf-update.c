/* bs-pdf-update.c — writing objects, xref section and trailer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-pdf-update.h"

#include <openssl/rand.h>
#include <string.h>

typedef struct {
  guint   num, gen;
  guint64 offset;   /* in the final file */
} XrefEntry;

struct _BsPdfUpdate {
  GByteArray         *bytes;
  GArray             *entries;   /* XrefEntry */
  guint64             base;      /* file offset of bytes[0] */
  BsPdfRevision       last;
  guint64             old_size;
  char               *root_ref;
  char               *info_ref;
  GBytes             *id0;
};

static void
append (BsPdfUpdate *u, const char *text)
{
  g_byte_array_append (u->bytes, (const guint8 *) text, (guint) strlen (text));
}

static void
appendf (BsPdfUpdate *u, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static void
appendf (BsPdfUpdate *u, const char *fmt, ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, fmt);
  text = g_strdup_vprintf (fmt, args);
  va_end (args);
  append (u, text);
}

BsPdfUpdate *
bs_pdf_update_new (guint64 file_size, const BsPdfRevision *last, const BsPdfTrailer *trailer)
{
  BsPdfUpdate *u = g_new0 (BsPdfUpdate, 1);

  u->bytes = g_byte_array_sized_new (16 * 1024);
  u->entries = g_array_new (FALSE, FALSE, sizeof (XrefEntry));
  u->base = file_size;
  u->last = *last;
  u->old_size = trailer->size;
  u->root_ref = g_strdup (trailer->root_ref);
  u->info_ref = g_strdup (trailer->info_ref);
  u->id0 = trailer->id0 ? g_bytes_ref (trailer->id0) : NULL;
  /* The update must start on a new line even when the file's last line
   * has no end-of-line marker. */
  if (last->end == file_size)
    append (u, "\n");
  return u;
}

void
bs_pdf_update_free (BsPdfUpdate *u)
{
  if (u == NULL)
    return;
  if (u->bytes)
    g_byte_array_unref (u->bytes);
  g_array_unref (u->entries);
  g_free (u->root_ref);
  g_free (u->info_ref);
  g_clear_pointer (&u->id0, g_bytes_unref);
  g_free (u);
}

guint64
bs_pdf_update_get_base (BsPdfUpdate *u)
{
  return u->base;
}

static void
begin_object (BsPdfUpdate *u, guint num, guint gen)
{
  XrefEntry e = { num, gen, u->base + u->bytes->len };

  g_array_append_val (u->entries, e);
  appendf (u, "%u %u obj\n", num, gen);
}

gsize
bs_pdf_update_add_object (BsPdfUpdate *u, guint num, guint gen, const char *body, gsize len)
{
  gsize at;

  begin_object (u, num, gen);
  at = u->bytes->len;
  g_byte_array_append (u->bytes, (const guint8 *) body, (guint) len);
  append (u, "\nendobj\n");
  return at;
}

void
bs_pdf_update_add_stream (BsPdfUpdate *u, guint num, const char *dict_entries,
                          const void *data, gsize len)
{
  begin_object (u, num, 0);
  appendf (u, "<<%s /Length %" G_GSIZE_FORMAT ">>\nstream\n", dict_entries, len);
  g_byte_array_append (u->bytes, data, (guint) len);
  append (u, "\nendstream\nendobj\n");
}

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const XrefEntry *x = a, *y = b;

  return (x->num > y->num) - (x->num < y->num);
}

static guint
new_size (BsPdfUpdate *u)
{
  guint64 size = u->old_size;

  for (guint i = 0; i < u->entries->len; i++)
    size = MAX (size, (guint64) g_array_index (u->entries, XrefEntry, i).num + 1);
  return (guint) size;
}

static char *
hex_of (const guint8 *data, gsize len)
{
  GString *s = g_string_sized_new (len * 2);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%02X", data[i]);
  return g_string_free (s, FALSE);
}

/* ISO 32000-1 14.4: the first identifier stays, the second changes with
 * every update. A file without /ID gets one. */
static char *
id_array (BsPdfUpdate *u)
{
  guint8 fresh[16];
  g_autofree char *hex0 = NULL;
  g_autofree char *hex1 = NULL;

  RAND_bytes (fresh, sizeof fresh);
  hex1 = hex_of (fresh, sizeof fresh);
  if (u->id0 != NULL)
    {
      gsize len;
      const guint8 *d = g_bytes_get_data (u->id0, &len);
      hex0 = hex_of (d, len);
    }
  else
    hex0 = g_strdup (hex1);
  return g_strdup_printf ("[<%s> <%s>]", hex0, hex1);
}

static char *
trailer_entries (BsPdfUpdate *u, guint size)
{
  g_autofree char *ids = id_array (u);
  g_autofree char *info = u->info_ref ? g_strdup_printf (" /Info %s", u->info_ref) : g_strdup ("");

  return g_strdup_printf ("/Size %u /Root %s%s /ID %s /Prev %" G_GUINT64_FORMAT,
                          size, u->root_ref, info, ids, u->last.startxref);
}

/* Groups sorted entries into runs of consecutive numbers. */
static guint
run_length (GArray *entries, guint start)
{
  guint n = 1;

  while (start + n < entries->len
         && g_array_index (entries, XrefEntry, start + n).num
            == g_array_index (entries, XrefEntry, start).num + n)
    n++;
  return n;
}

static void
finish_table (BsPdfUpdate *u)
{
  guint64 xref_offset = u->base + u->bytes->len;
  g_autofree char *entries = NULL;

  g_array_sort (u->entries, compare_entries);
  append (u, "xref\n");
  for (guint i = 0; i < u->entries->len;)
    {
      guint n = run_length (u->entries, i);
      appendf (u, "%u %u\n", g_array_index (u->entries, XrefEntry, i).num, n);
      for (guint j = i; j < i + n; j++)
        {
          XrefEntry *e = &g_array_index (u->entries, XrefEntry, j);
          appendf (u, "%010" G_GUINT64_FORMAT " %05u n\r\n", e->offset, e->gen);
        }
      i += n;
    }
  entries = trailer_entries (u, new_size (u));
  appendf (u, "trailer\n<<%s>>\nstartxref\n%" G_GUINT64_FORMAT "\n%%%%EOF\n", entries, xref_offset);
}

static void
put_be (GByteArray *out, guint64 value, guint width)
{
  for (guint i = width; i > 0; i--)
    {
      guint8 b = (guint8) (value >> (8 * (i - 1)));
      g_byte_array_append (out, &b, 1);
    }
}

static void
finish_stream (BsPdfUpdate *u, guint num)
{
  guint64 xref_offset = u->base + u->bytes->len;
  guint offset_width = xref_offset > G_MAXUINT32 ? 8 : 4;
  g_autoptr(GByteArray) rows = g_byte_array_new ();
  GString *index = g_string_new (NULL);
  g_autofree char *entries = NULL;
  g_autofree char *dict = NULL;
  XrefEntry self = { num, 0, xref_offset };

  g_array_append_val (u->entries, self);
  g_array_sort (u->entries, compare_entries);
  for (guint i = 0; i < u->entries->len;)
    {
      guint n = run_length (u->entries, i);
      g_string_append_printf (index, "%s%u %u", index->len ? " " : "",
                              g_array_index (u->entries, XrefEntry, i).num, n);
      i += n;
    }
  for (guint i = 0; i < u->entries->len; i++)
    {
      XrefEntry *e = &g_array_index (u->entries, XrefEntry, i);
      put_be (rows, 1, 1);
      put_be (rows, e->offset, offset_width);
      put_be (rows, e->gen, 2);
    }
  entries = trailer_entries (u, new_size (u));
  dict = g_strdup_printf (" /Type /XRef /W [1 %u 2] /Index [%s] %s", offset_width,
                          index->str, entries);
  g_string_free (index, TRUE);
  /* The xref stream is its own entry: begin_object must not add it twice. */
  appendf (u, "%u 0 obj\n<<%s /Length %u>>\nstream\n", num, dict, rows->len);
  g_byte_array_append (u->bytes, rows->data, rows->len);
  appendf (u, "\nendstream\nendobj\nstartxref\n%" G_GUINT64_FORMAT "\n%%%%EOF\n", xref_offset);
}

GByteArray *
bs_pdf_update_finish (BsPdfUpdate *u, guint xref_stream_num)
{
  if (u->last.kind == BS_XREF_STREAM)
    finish_stream (u, xref_stream_num);
  else
    finish_table (u);
  return g_steal_pointer (&u->bytes);
}
