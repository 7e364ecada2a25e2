/* bs-pdf-compare.c — structural equality of PDF values, references unread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-pdf-compare.h"

#include <string.h>

#define MAX_DEPTH 64
#define MAX_VALUES 1000000

typedef struct {
  BsPdfDocument *da, *db;
  guint          budget;
} Compare;

static gboolean values_equal (Compare *c, BsPdfObj a, BsPdfObj b, int depth, gboolean contents);

static gboolean
is_direct_null (BsPdfDocument *doc, BsPdfObj value)
{
  return !bs_pdf_obj_is_indirect (doc, value) && bs_pdf_obj_type (doc, value) == BS_PDF_NULL;
}

/* The keys of @dict whose values are not null (transfer full). */
static GPtrArray *
present_keys (BsPdfDocument *doc, BsPdfObj dict)
{
  g_auto(GStrv) keys = bs_pdf_obj_dup_keys (doc, dict);
  GPtrArray *present = g_ptr_array_new_with_free_func (g_free);

  for (char **k = keys; *k != NULL; k++)
    {
      BsPdfObj v = bs_pdf_obj_get (doc, dict, *k);
      if (!is_direct_null (doc, v))
        g_ptr_array_add (present, g_strdup (*k));
      bs_pdf_obj_release (doc, v);
    }
  return present;
}

static gboolean
dicts_equal (Compare *c, BsPdfObj a, BsPdfObj b, int depth)
{
  g_autoptr(GPtrArray) ka = present_keys (c->da, a);
  g_autoptr(GPtrArray) kb = present_keys (c->db, b);
  gboolean equal = ka->len == kb->len;

  for (guint i = 0; equal && i < ka->len; i++)
    {
      const char *key = g_ptr_array_index (ka, i);
      BsPdfObj va = bs_pdf_obj_get (c->da, a, key);
      BsPdfObj vb = bs_pdf_obj_get (c->db, b, key);

      equal = bs_pdf_obj_has (c->db, b, key) && values_equal (c, va, vb, depth + 1, FALSE);
      bs_pdf_obj_release (c->da, va);
      bs_pdf_obj_release (c->db, vb);
    }
  return equal;
}

static gboolean
arrays_equal (Compare *c, BsPdfObj a, BsPdfObj b, int depth)
{
  int n = bs_pdf_obj_len (c->da, a);
  gboolean equal = n == bs_pdf_obj_len (c->db, b);

  for (int i = 0; equal && i < n; i++)
    {
      BsPdfObj va = bs_pdf_obj_at (c->da, a, i);
      BsPdfObj vb = bs_pdf_obj_at (c->db, b, i);

      equal = values_equal (c, va, vb, depth + 1, FALSE);
      bs_pdf_obj_release (c->da, va);
      bs_pdf_obj_release (c->db, vb);
    }
  return equal;
}

static gboolean
bytes_equal (GBytes *a, GBytes *b)
{
  gboolean equal = a != NULL && b != NULL && g_bytes_equal (a, b);

  g_clear_pointer (&a, g_bytes_unref);
  g_clear_pointer (&b, g_bytes_unref);
  return equal;
}

static gboolean
names_equal (Compare *c, BsPdfObj a, BsPdfObj b)
{
  g_autofree char *na = bs_pdf_obj_dup_name (c->da, a);
  g_autofree char *nb = bs_pdf_obj_dup_name (c->db, b);

  return g_strcmp0 (na, nb) == 0;
}

static gboolean
values_equal (Compare *c, BsPdfObj a, BsPdfObj b, int depth, gboolean contents)
{
  gboolean ia = bs_pdf_obj_is_indirect (c->da, a);
  gboolean ib = bs_pdf_obj_is_indirect (c->db, b);
  BsPdfType t;

  if (depth > MAX_DEPTH || c->budget == 0)
    return FALSE;
  c->budget--;
  if (!contents && (ia || ib))
    return ia && ib && bs_pdf_obj_num (c->da, a) == bs_pdf_obj_num (c->db, b)
           && bs_pdf_obj_gen (c->da, a) == bs_pdf_obj_gen (c->db, b);
  t = bs_pdf_obj_type (c->da, a);
  if (t != bs_pdf_obj_type (c->db, b))
    return FALSE;
  switch (t)
    {
    case BS_PDF_NULL: return TRUE;
    case BS_PDF_BOOL: return bs_pdf_obj_bool (c->da, a) == bs_pdf_obj_bool (c->db, b);
    case BS_PDF_INT: return bs_pdf_obj_int (c->da, a) == bs_pdf_obj_int (c->db, b);
    case BS_PDF_REAL: return bs_pdf_obj_number (c->da, a) == bs_pdf_obj_number (c->db, b);
    case BS_PDF_NAME: return names_equal (c, a, b);
    case BS_PDF_STRING: return bytes_equal (bs_pdf_obj_dup_string (c->da, a), bs_pdf_obj_dup_string (c->db, b));
    case BS_PDF_ARRAY: return arrays_equal (c, a, b, depth);
    case BS_PDF_DICT: return dicts_equal (c, a, b, depth);
    case BS_PDF_STREAM:
      return dicts_equal (c, a, b, depth)
             && bytes_equal (bs_pdf_obj_dup_stream_raw (c->da, a), bs_pdf_obj_dup_stream_raw (c->db, b));
    case BS_PDF_OTHER:
    default:
      return FALSE;
    }
}

gboolean
bs_pdf_obj_equal (BsPdfDocument *da, BsPdfObj a, BsPdfDocument *db, BsPdfObj b, gboolean contents)
{
  Compare c = { da, db, MAX_VALUES };

  return values_equal (&c, a, b, 0, contents);
}
