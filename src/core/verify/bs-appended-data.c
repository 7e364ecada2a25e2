/* bs-appended-data.c — object headers nobody lists, trailing bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-appended-data.h"
#include "bs-pdf-xref.h"
#include "bs-platform.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (1024 * 1024)
#define OVERLAP 64
/* Writers point an xref entry at the object number or at blanks before it. */
#define OFFSET_SLACK 8
#define MAX_FINDINGS 16

void
bs_appended_data_free (BsAppendedData *data)
{
  if (data == NULL)
    return;
  g_free (data->description);
  g_free (data);
}

static int
compare_u64 (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

static GArray *
listed_offsets (GPtrArray *chain)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (guint64));

  for (guint i = 0; chain != NULL && i < chain->len; i++)
    {
      BsXrefSection *s = g_ptr_array_index (chain, i);
      g_array_append_vals (all, s->offsets->data, s->offsets->len);
      /* startxref names a cross-reference stream, whether or not its own
       * /Index lists it (PDFBox's do not). */
      if (s->is_stream)
        g_array_append_val (all, s->offset);
    }
  g_array_sort (all, compare_u64);
  return all;
}

static gboolean
is_listed (GArray *offsets, guint64 header)
{
  guint lo = 0, hi = offsets->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (offsets, guint64, mid) + OFFSET_SLACK < header)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < offsets->len && g_array_index (offsets, guint64, lo) <= header;
}

static gboolean
is_blank (guchar c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

/* "N G obj" at a line start ending just before @obj_pos; returns where it starts. */
static gboolean
header_start (const char *buf, gsize obj_pos, gsize *start)
{
  gsize i = obj_pos;
  int numbers = 0;

  while (numbers < 2)
    {
      gsize end;
      if (i == 0 || !is_blank ((guchar) buf[i - 1]))
        return FALSE;
      while (i > 0 && is_blank ((guchar) buf[i - 1]) && buf[i - 1] != '\n' && buf[i - 1] != '\r')
        i--;
      end = i;
      while (i > 0 && g_ascii_isdigit (buf[i - 1]))
        i--;
      if (i == end)
        return FALSE;
      numbers++;
    }
  *start = i;
  return i == 0 || buf[i - 1] == '\n' || buf[i - 1] == '\r';
}

static void
add_finding (GPtrArray *out, guint64 offset, char *description)
{
  BsAppendedData *d = g_new0 (BsAppendedData, 1);

  d->offset = offset;
  d->description = description;
  g_ptr_array_add (out, d);
}

static void
scan_headers (int fd, guint64 from, guint64 to, GArray *offsets, GPtrArray *out)
{
  g_autofree char *buf = g_malloc (CHUNK + OVERLAP + 1);
  guint64 pos = from;

  while (pos < to && out->len < MAX_FINDINGS)
    {
      guint64 start = pos > from + OVERLAP ? pos - OVERLAP : from;
      gssize n = bs_platform_pread (fd, buf, (gsize) MIN ((guint64) CHUNK + (pos - start), to - start), start, NULL);
      const char *p;

      if (n <= 0)
        return;
      buf[n] = '\0';
      for (p = buf + (pos - start); (p = memmem (p, (gsize) n - (gsize) (p - buf), "obj", 3)) != NULL; p += 3)
        {
          gsize hs;
          if (header_start (buf, (gsize) (p - buf), &hs) && !is_listed (offsets, start + hs)
              && out->len < MAX_FINDINGS)
            {
              g_autofree char *where = g_strdup_printf ("%" G_GUINT64_FORMAT, start + hs);
              add_finding (out, start + hs,
                           g_strdup_printf (_("An object at offset %s was appended that no cross-reference "
                                              "section lists (only repairing readers show it)"), where));
            }
          if ((gsize) (p - buf) + 3 >= (gsize) n)
            break;
        }
      if (start + (guint64) n >= to)
        break;
      pos = start + (guint64) n - 3;
    }
}

static void
check_tail (int fd, guint64 file_size, guint64 last_end, GPtrArray *out)
{
  guint8 buf[4096];
  guint64 pos = last_end;

  while (pos < file_size)
    {
      gssize n = bs_platform_pread (fd, buf, (gsize) MIN ((guint64) sizeof buf, file_size - pos), pos, NULL);
      if (n <= 0)
        return;
      for (gssize i = 0; i < n; i++)
        if (!is_blank (buf[i]))
          {
            add_finding (out, pos + (guint64) i,
                         g_strdup (_("Data was appended after the end of the last revision")));
            return;
          }
      pos += (guint64) n;
    }
}

GPtrArray *
bs_appended_data_find (int fd, guint64 file_size, guint64 from, guint64 last_end, GPtrArray *chain)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_appended_data_free);
  g_autoptr(GArray) offsets = listed_offsets (chain);

  if (chain != NULL && from < file_size)
    scan_headers (fd, from, file_size, offsets, out);
  check_tail (fd, file_size, last_end, out);
  return out;
}
