/* bs-pdf-revisions.c — scanning startxref / %%EOF markers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-pdf-revisions.h"
#include "bs-error.h"
#include "bs-platform.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#define TAIL_SIZE 1024
#define SCAN_CHUNK (1024 * 1024)
/* Room before "%%EOF" for "startxref", an offset and white space. */
#define MARKER_LOOKBACK 64

static gboolean
is_pdf_space (guchar c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

/* Parses "startxref <digits>" ending just before @eof_pos in @buf. */
static gboolean
parse_startxref_before (const char *buf, gsize eof_pos, guint64 *offset)
{
  gsize i = eof_pos;
  gsize digits_end, digits_start;
  static const char keyword[] = "startxref";
  const gsize klen = sizeof keyword - 1;

  while (i > 0 && is_pdf_space ((guchar) buf[i - 1]))
    i--;
  digits_end = i;
  while (i > 0 && g_ascii_isdigit (buf[i - 1]))
    i--;
  digits_start = i;
  if (digits_start == digits_end || digits_end - digits_start > 15)
    return FALSE;
  while (i > 0 && is_pdf_space ((guchar) buf[i - 1]))
    i--;
  if (i < klen || memcmp (buf + i - klen, keyword, klen) != 0)
    return FALSE;
  *offset = g_ascii_strtoull (buf + digits_start, NULL, 10);
  return TRUE;
}

static gsize
skip_eol (const char *buf, gsize pos, gsize len)
{
  if (pos < len && buf[pos] == '\r')
    pos++;
  if (pos < len && buf[pos] == '\n')
    pos++;
  return pos;
}

/* Looks at what @offset points to: "xref" or "N G obj" of an xref stream. */
static gboolean
classify_xref (int fd, guint64 offset, guint64 file_size, BsXrefKind *kind)
{
  char buf[64];
  gssize n;
  gsize i = 0;

  if (offset >= file_size)
    return FALSE;
  n = bs_platform_pread (fd, buf, sizeof buf - 1, offset, NULL);
  if (n <= 0)
    return FALSE;
  buf[n] = '\0';
  while (i < (gsize) n && is_pdf_space ((guchar) buf[i]))
    i++;
  if (strncmp (buf + i, "xref", 4) == 0)
    {
      *kind = BS_XREF_TABLE;
      return TRUE;
    }
  if (g_ascii_isdigit (buf[i]))
    {
      guint num, gen;
      char kw[4] = "";
      if (sscanf (buf + i, "%u %u %3s", &num, &gen, kw) == 3 && strcmp (kw, "obj") == 0)
        {
          *kind = BS_XREF_STREAM;
          return TRUE;
        }
    }
  return FALSE;
}

static const char *
find_last (const char *hay, gsize len, const char *needle)
{
  gsize nlen = strlen (needle);
  const char *last = NULL;
  const char *p = hay;

  while (len >= nlen)
    {
      const char *hit = memmem (p, len, needle, nlen);
      if (hit == NULL)
        break;
      last = hit;
      len -= (gsize) (hit - p) + 1;
      p = hit + 1;
    }
  return last;
}

gboolean
bs_pdf_revisions_last (int fd, guint64 file_size, BsPdfRevision *out, GError **error)
{
  char buf[TAIL_SIZE + 1];
  gsize want = (gsize) MIN (file_size, (guint64) TAIL_SIZE);
  guint64 base = file_size - want;
  gssize n = bs_platform_pread (fd, buf, want, base, error);
  const char *eof;

  if (n < 0)
    return FALSE;
  buf[n] = '\0';
  eof = find_last (buf, (gsize) n, "%%EOF");
  if (eof == NULL || !parse_startxref_before (buf, (gsize) (eof - buf), &out->startxref)
      || !classify_xref (fd, out->startxref, file_size, &out->kind))
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_DAMAGED,
                           _("The PDF has no valid end-of-file marker: it is truncated or damaged"));
      return FALSE;
    }
  out->eof = base + (guint64) (eof - buf) + 5;
  out->end = base + skip_eol (buf, (gsize) (eof - buf) + 5, (gsize) n);
  return TRUE;
}

static void
scan_chunk (int fd, guint64 file_size, const char *buf, gsize len, gsize from,
            guint64 base, GArray *revisions)
{
  const char *p = buf + from;
  gsize left = len - from;

  while (left >= 5)
    {
      const char *hit = memmem (p, left, "%%EOF", 5);
      BsPdfRevision rev;
      gsize pos;

      if (hit == NULL)
        break;
      pos = (gsize) (hit - buf);
      if (parse_startxref_before (buf, pos, &rev.startxref)
          && classify_xref (fd, rev.startxref, file_size, &rev.kind))
        {
          rev.eof = base + pos + 5;
          rev.end = base + skip_eol (buf, pos + 5, len);
          g_array_append_val (revisions, rev);
        }
      left -= (gsize) (hit - p) + 5;
      p = hit + 5;
    }
}

GArray *
bs_pdf_revisions_scan (int fd, guint64 file_size, GError **error)
{
  g_autoptr(GArray) revisions = g_array_new (FALSE, FALSE, sizeof (BsPdfRevision));
  g_autofree char *buf = g_malloc (SCAN_CHUNK + MARKER_LOOKBACK + 1);
  guint64 pos = 0;

  /* Each read starts MARKER_LOOKBACK bytes before @pos so that the
   * "startxref N" in front of a marker is in the buffer; markers are only
   * searched from @pos on, so each is reported once. */
  while (pos < file_size)
    {
      guint64 start = pos > MARKER_LOOKBACK ? pos - MARKER_LOOKBACK : 0;
      gsize want = (gsize) MIN ((guint64) SCAN_CHUNK + (pos - start), file_size - start);
      gssize n = bs_platform_pread (fd, buf, want, start, error);

      if (n < 0)
        return NULL;
      if ((guint64) n <= pos - start)
        break;
      buf[n] = '\0';
      scan_chunk (fd, file_size, buf, (gsize) n, (gsize) (pos - start), start, revisions);
      if (start + (guint64) n >= file_size)
        break;
      /* A marker cut by the end of the buffer is seen on the next round. */
      pos = start + (guint64) n - 4;
    }
  return g_steal_pointer (&revisions);
}
