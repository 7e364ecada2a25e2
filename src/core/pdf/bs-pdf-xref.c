/* bs-pdf-xref.c — reading xref tables and xref streams from the raw file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-pdf-xref.h"
#include "bs-error.h"
#include "bs-platform.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Bounds against hostile files. */
#define MAX_TABLE_BYTES (16u * 1024 * 1024)
#define FIRST_WINDOW (64u * 1024)
#define MAX_DICT_BYTES (256u * 1024)
#define MAX_STREAM_BYTES (64u * 1024 * 1024)
#define MAX_SECTIONS 100000
#define MAX_OBJECT_NUMBER 8388607   /* ISO 32000-1 Annex C */

typedef struct {
  const char *p;
  gsize       len;
  gsize       pos;
} Cursor;

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static void
skip_space (Cursor *c)
{
  while (c->pos < c->len)
    {
      if (is_space (c->p[c->pos]))
        c->pos++;
      else if (c->p[c->pos] == '%')
        while (c->pos < c->len && c->p[c->pos] != '\n' && c->p[c->pos] != '\r')
          c->pos++;
      else
        break;
    }
}

static gboolean
take_keyword (Cursor *c, const char *kw)
{
  gsize n = strlen (kw);

  skip_space (c);
  if (c->pos + n > c->len || memcmp (c->p + c->pos, kw, n) != 0)
    return FALSE;
  c->pos += n;
  return TRUE;
}

static gboolean
take_uint (Cursor *c, guint64 *value)
{
  guint64 v = 0;
  gsize digits = 0;

  skip_space (c);
  while (c->pos < c->len && g_ascii_isdigit (c->p[c->pos]) && digits < 19)
    {
      v = v * 10 + (guint64) (c->p[c->pos++] - '0');
      digits++;
    }
  *value = v;
  return digits > 0;
}

static void
skip_literal_string (Cursor *c)
{
  int depth = 0;

  for (; c->pos < c->len; c->pos++)
    {
      char ch = c->p[c->pos];
      if (ch == '\\')
        c->pos++;
      else if (ch == '(')
        depth++;
      else if (ch == ')' && --depth == 0)
        {
          c->pos++;
          return;
        }
    }
}

/* Finds the end of the dictionary starting at the cursor ("<<"), skipping
 * strings and comments so that ">>" inside them does not count. */
static gboolean
match_dictionary (Cursor *c, gsize *start, gsize *end)
{
  int depth = 0;

  skip_space (c);
  *start = c->pos;
  while (c->pos + 1 < c->len)
    {
      const char *s = c->p + c->pos;
      if (s[0] == '<' && s[1] == '<')
        depth++, c->pos += 2;
      else if (s[0] == '>' && s[1] == '>')
        {
          c->pos += 2;
          if (--depth == 0)
            {
              *end = c->pos;
              return TRUE;
            }
        }
      else if (s[0] == '(')
        skip_literal_string (c);
      else if (s[0] == '%')
        skip_space (c);
      else if (s[0] == '<')
        while (c->pos < c->len && c->p[c->pos] != '>')
          c->pos++;
      else
        c->pos++;
      if (depth <= 0)
        return FALSE;
    }
  return FALSE;
}

static BsPdfObj
parse_dictionary (BsPdfDocument *doc, Cursor *c)
{
  gsize start, end;
  g_autofree char *text = NULL;

  if (!match_dictionary (c, &start, &end))
    return bs_pdf_null (doc);
  text = g_malloc (end - start + 1);
  memcpy (text, c->p + start, end - start);
  text[end - start] = '\0';
  /* NUL is white space in PDF (ISO 32000-1 Table 1), and inside a string
   * (Poppler writes /ID as raw bytes) it only changes bytes nobody reads
   * here; as a C string it would cut the trailer short. */
  for (gsize i = 0; i < end - start; i++)
    if (text[i] == '\0')
      text[i] = ' ';
  return bs_pdf_parse (doc, text);
}

static GBytes *
read_at (int fd, guint64 file_size, guint64 offset, gsize max, GError **error)
{
  gsize want = (gsize) MIN ((guint64) max, offset < file_size ? file_size - offset : 0);
  char *buf = g_malloc (want + 1);
  gssize n = want ? bs_platform_pread (fd, buf, want, offset, error) : 0;

  if (n < 0)
    {
      g_free (buf);
      return NULL;
    }
  buf[n] = '\0';
  return g_bytes_new_take (buf, (gsize) n);
}

/* Entries @first.. of one subsection; @gens holds each row's generation
 * (or BS_XREF_FREE) and @positions its offset (0 when it has none), read
 * from *@row onwards. */
static void
add_range (BsXrefSection *s, guint64 first, guint64 count, GArray *gens, GArray *positions, guint *row)
{
  for (guint64 i = 0; i < count; i++, (*row)++)
    if (first + i <= MAX_OBJECT_NUMBER && *row < gens->len)
      {
        guint num = (guint) (first + i);
        g_array_append_val (s->objects, num);
        g_array_append_val (s->generations, g_array_index (gens, guint, *row));
        g_array_append_val (s->positions, g_array_index (positions, guint64, *row));
      }
}

static gboolean
parse_table_entries (Cursor *c, BsXrefSection *s)
{
  guint64 first, count, offset, gen;

  while (!take_keyword (c, "trailer"))
    {
      g_autoptr(GArray) gens = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint64));
      guint row = 0;

      if (!take_uint (c, &first) || !take_uint (c, &count) || count > c->len / 18)
        return FALSE;
      for (guint64 i = 0; i < count; i++)
        {
          guint g;
          skip_space (c);
          if (!take_uint (c, &offset) || !take_uint (c, &gen))
            return FALSE;
          skip_space (c);
          if (c->pos >= c->len || (c->p[c->pos] != 'n' && c->p[c->pos] != 'f'))
            return FALSE;
          if (c->p[c->pos] == 'n')
            g_array_append_val (s->offsets, offset);
          else
            offset = 0;
          g = c->p[c->pos] == 'n' ? (guint) MIN (gen, (guint64) G_MAXUINT16) : BS_XREF_FREE;
          g_array_append_val (gens, g);
          g_array_append_val (positions, offset);
          c->pos++;
        }
      add_range (s, first, count, gens, positions, &row);
    }
  return TRUE;
}

static gboolean
parse_table (BsPdfDocument *doc, GBytes *bytes, BsXrefSection *s, BsPdfObj *trailer)
{
  Cursor c = { g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 0 };

  if (!take_keyword (&c, "xref") || !parse_table_entries (&c, s))
    return FALSE;
  *trailer = parse_dictionary (doc, &c);
  return bs_pdf_obj_type (doc, *trailer) == BS_PDF_DICT;
}

static gboolean
read_stream_data (int fd, guint64 file_size, guint64 data_offset, BsPdfDocument *doc,
                  BsPdfObj dict, GBytes **decoded)
{
  gint64 length = bs_pdf_obj_int (doc, bs_pdf_obj_get (doc, dict, "/Length"));
  g_autoptr(GBytes) raw = NULL;

  if (length <= 0 || (guint64) length > MAX_STREAM_BYTES || data_offset + (guint64) length > file_size)
    return FALSE;
  raw = read_at (fd, file_size, data_offset, (gsize) length, NULL);
  if (raw == NULL || g_bytes_get_size (raw) != (gsize) length)
    return FALSE;
  *decoded = bs_pdf_decode (doc, dict, raw);
  return *decoded != NULL;
}

static guint64
read_field (const guint8 *row, gint64 width)
{
  guint64 v = 0;

  for (gint64 i = 0; i < width; i++)
    v = v << 8 | row[i];
  return v;
}

/* Type 1 rows give the offset of an uncompressed object (ISO 32000-1
 * Table 18); a missing type field means type 1. Returns each row's
 * generation: field 3 of type 1, 0 inside object streams (type 2). */
static GArray *
read_stream_rows (BsPdfDocument *doc, BsPdfObj w, GBytes *rows, BsXrefSection *s, GArray *positions)
{
  gint64 w0 = bs_pdf_obj_int (doc, bs_pdf_obj_at (doc, w, 0));
  gint64 w1 = bs_pdf_obj_int (doc, bs_pdf_obj_at (doc, w, 1));
  gint64 w2 = bs_pdf_obj_int (doc, bs_pdf_obj_at (doc, w, 2));
  gsize len, width = (gsize) (w0 + w1 + w2);
  const guint8 *data = g_bytes_get_data (rows, &len);
  GArray *gens = g_array_new (FALSE, FALSE, sizeof (guint));

  for (gsize at = 0; width > 0 && at + width <= len; at += width)
    {
      guint64 type = w0 == 0 ? 1 : read_field (data + at, w0);
      guint64 offset = 0;
      guint gen = BS_XREF_FREE;
      if (type == 1)
        {
          offset = read_field (data + at + w0, w1);
          g_array_append_val (s->offsets, offset);
          gen = (guint) MIN (read_field (data + at + w0 + w1, w2), (guint64) G_MAXUINT16);
        }
      else if (type == 2)
        gen = 0;
      g_array_append_val (gens, gen);
      g_array_append_val (positions, offset);
    }
  return gens;
}

static gboolean
add_stream_rows (BsPdfDocument *doc, BsPdfObj dict, GBytes *rows, BsXrefSection *s)
{
  BsPdfObj w = bs_pdf_obj_get (doc, dict, "/W");
  BsPdfObj index = bs_pdf_obj_get (doc, dict, "/Index");
  guint64 width = 0, total_rows, listed = 0;
  int n_index = bs_pdf_obj_len (doc, index);
  g_autoptr(GArray) gens = NULL;
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint row = 0;

  if (bs_pdf_obj_len (doc, w) != 3)
    return FALSE;
  for (int i = 0; i < 3; i++)
    {
      gint64 wi = bs_pdf_obj_int (doc, bs_pdf_obj_at (doc, w, i));
      if (wi < 0 || wi > 8)
        return FALSE;
      width += (guint64) wi;
    }
  if (width == 0)
    return FALSE;
  total_rows = g_bytes_get_size (rows) / width;
  gens = read_stream_rows (doc, w, rows, s, positions);
  if (n_index == 0)
    {
      add_range (s, 0, MIN (total_rows,
                            (guint64) MAX (bs_pdf_obj_int (doc, bs_pdf_obj_get (doc, dict, "/Size")), 0)),
                 gens, positions, &row);
      return TRUE;
    }
  for (int i = 0; i + 1 < n_index; i += 2)
    {
      gint64 first = bs_pdf_obj_int (doc, bs_pdf_obj_at (doc, index, i));
      gint64 count = bs_pdf_obj_int (doc, bs_pdf_obj_at (doc, index, i + 1));
      if (first < 0 || count < 0 || listed + (guint64) count > total_rows)
        return FALSE;
      add_range (s, (guint64) first, (guint64) count, gens, positions, &row);
      listed += (guint64) count;
    }
  return TRUE;
}

static gboolean
parse_stream (BsPdfDocument *doc, int fd, guint64 file_size, guint64 offset, GBytes *bytes,
              BsXrefSection *s, BsPdfObj *dict)
{
  Cursor c = { g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 0 };
  g_autoptr(GBytes) rows = NULL;
  guint64 num, gen;

  if (!take_uint (&c, &num) || !take_uint (&c, &gen) || !take_keyword (&c, "obj"))
    return FALSE;
  *dict = parse_dictionary (doc, &c);
  if (!bs_pdf_obj_name_is (doc, bs_pdf_obj_get (doc, *dict, "/Type"), "/XRef")
      || !take_keyword (&c, "stream"))
    return FALSE;
  /* The keyword is followed by CRLF or LF (ISO 32000-1 7.3.8.1). */
  if (c.pos < c.len && c.p[c.pos] == '\r')
    c.pos++;
  if (c.pos < c.len && c.p[c.pos] == '\n')
    c.pos++;
  if (!read_stream_data (fd, file_size, offset + c.pos, doc, *dict, &rows))
    return FALSE;
  s->is_stream = TRUE;
  return add_stream_rows (doc, *dict, rows, s);
}

void
bs_xref_section_free (BsXrefSection *section)
{
  if (section == NULL)
    return;
  g_array_unref (section->objects);
  g_array_unref (section->generations);
  g_array_unref (section->offsets);
  g_array_unref (section->positions);
  g_free (section);
}

/* Reads the section at @offset; its trailer (or stream dictionary) goes
 * to @trailer for /Prev and /XRefStm. */
static gboolean
parse_section (BsPdfDocument *doc, int fd, guint64 file_size, guint64 offset, GBytes *bytes,
               BsXrefSection *s, BsPdfObj *trailer)
{
  Cursor probe = { g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 0 };

  g_array_set_size (s->objects, 0);
  g_array_set_size (s->generations, 0);
  g_array_set_size (s->offsets, 0);
  g_array_set_size (s->positions, 0);
  return take_keyword (&probe, "xref")
         ? parse_table (doc, bytes, s, trailer)
         : parse_stream (doc, fd, file_size, offset, bytes, s, trailer);
}

static BsXrefSection *
read_section (BsPdfDocument *doc, int fd, guint64 file_size, guint64 offset,
              BsPdfObj *trailer, GError **error)
{
  BsXrefSection *s = g_new0 (BsXrefSection, 1);
  gsize window = FIRST_WINDOW;
  gboolean ok = FALSE;

  s->offset = offset;
  s->objects = g_array_new (FALSE, FALSE, sizeof (guint));
  s->generations = g_array_new (FALSE, FALSE, sizeof (guint));
  s->offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
  s->positions = g_array_new (FALSE, FALSE, sizeof (guint64));
  /* Most sections are small: read a little first, more only when the
   * section does not fit, so a long file is not read for each update. */
  for (;;)
    {
      g_autoptr(GBytes) bytes = read_at (fd, file_size, offset, window, error);
      if (bytes == NULL)
        {
          bs_xref_section_free (s);
          return NULL;
        }
      ok = parse_section (doc, fd, file_size, offset, bytes, s, trailer);
      if (ok || g_bytes_get_size (bytes) < window || window >= MAX_TABLE_BYTES)
        break;
      window *= 16;
    }
  if (!ok)
    {
      g_autofree char *where = g_strdup_printf ("%" G_GUINT64_FORMAT, offset);
      g_set_error (error, BS_ERROR, BS_ERROR_DAMAGED,
                   _("The cross-reference section at offset %s cannot be read"), where);
      bs_xref_section_free (s);
      return NULL;
    }
  return s;
}

static gboolean
next_offset (BsPdfDocument *doc, BsPdfObj dict, const char *key, guint64 *offset)
{
  BsPdfObj v = bs_pdf_obj_get (doc, dict, key);

  if (bs_pdf_obj_type (doc, v) != BS_PDF_INT || bs_pdf_obj_int (doc, v) < 0)
    return FALSE;
  *offset = (guint64) bs_pdf_obj_int (doc, v);
  return TRUE;
}

GPtrArray *
bs_pdf_xref_chain (BsPdfDocument *doc, int fd, guint64 file_size, guint64 startxref,
                   GError **error)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_xref_section_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint64 offset = startxref;
  gboolean more = TRUE;

  while (more)
    {
      BsPdfObj trailer = 0;
      guint64 stm;
      BsXrefSection *s;

      if (g_hash_table_contains (seen, &offset) || chain->len >= MAX_SECTIONS)
        {
          g_set_error_literal (error, BS_ERROR, BS_ERROR_DAMAGED,
                               _("The cross-reference sections of the PDF form a loop"));
          return NULL;
        }
      s = read_section (doc, fd, file_size, offset, &trailer, error);
      if (s == NULL)
        return NULL;
      g_hash_table_add (seen, g_memdup2 (&offset, sizeof offset));
      g_ptr_array_add (chain, s);
      /* A hybrid file's table names an xref stream for readers that know
       * them (ISO 32000-1 7.5.8.4); its objects count as this revision's. */
      if (!s->is_stream && next_offset (doc, trailer, "/XRefStm", &stm))
        {
          BsPdfObj ignored = 0;
          BsXrefSection *hybrid = read_section (doc, fd, file_size, stm, &ignored, error);
          if (hybrid == NULL)
            return NULL;
          g_array_append_vals (s->objects, hybrid->objects->data, hybrid->objects->len);
          g_array_append_vals (s->generations, hybrid->generations->data, hybrid->generations->len);
          g_array_append_vals (s->offsets, hybrid->offsets->data, hybrid->offsets->len);
          g_array_append_vals (s->positions, hybrid->positions->data, hybrid->positions->len);
          bs_xref_section_free (hybrid);
        }
      more = next_offset (doc, trailer, "/Prev", &offset);
    }
  return g_steal_pointer (&chain);
}
