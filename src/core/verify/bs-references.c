/* bs-references.c — a bounded walk of each object's direct values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-references.h"
#include "bs-pdf-raw.h"
#include "bs-pdf-xref.h"

#define MAX_DEPTH 64
#define MAX_ITEMS 100000
#define MAX_VALUES 4000000  /* over the whole document */

typedef struct {
  BsPdfDocument *doc;
  guint          budget;
} Walk;

/* Calls @found for every indirect reference inside @value (not following
 * it); FALSE when the walk ran out of depth or budget. */
static gboolean
walk_values (Walk *w, BsPdfObj value, int depth, void (*found) (guint, gpointer), gpointer data)
{
  BsPdfType t;

  if (w->budget == 0 || depth > MAX_DEPTH)
    return FALSE;
  w->budget--;
  if (depth > 0 && bs_pdf_obj_is_indirect (w->doc, value))
    {
      found (bs_pdf_obj_num (w->doc, value), data);
      return TRUE;
    }
  t = bs_pdf_obj_type (w->doc, value);
  if (t == BS_PDF_ARRAY)
    {
      int n = bs_pdf_obj_len (w->doc, value);
      if (n > MAX_ITEMS)
        return FALSE;
      for (int i = 0; i < n; i++)
        if (!walk_values (w, bs_pdf_obj_at (w->doc, value, i), depth + 1, found, data))
          return FALSE;
    }
  else if (t == BS_PDF_DICT || t == BS_PDF_STREAM)
    {
      g_auto(GStrv) keys = bs_pdf_obj_dup_keys (w->doc, value);
      for (char **k = keys; *k != NULL; k++)
        if (!walk_values (w, bs_pdf_obj_get (w->doc, value, *k), depth + 1, found, data))
          return FALSE;
    }
  return TRUE;
}

static void
add_to_set (guint num, gpointer set)
{
  g_hash_table_add (set, GUINT_TO_POINTER (num));
}

gboolean
bs_references_of (BsPdfDocument *doc, BsPdfObj obj, GHashTable *out)
{
  Walk w = { doc, MAX_VALUES };

  return walk_values (&w, obj, 0, add_to_set, out);
}

typedef struct {
  GHashTable *index;
  guint       referrer;
} Referrer;

static void
add_referrer (guint num, gpointer data)
{
  Referrer *r = data;
  GArray *list = g_hash_table_lookup (r->index, GUINT_TO_POINTER (num));

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (r->index, GUINT_TO_POINTER (num), list);
    }
  g_array_append_val (list, r->referrer);
}

/* From the object's own bytes when it is written uncompressed: no qpdf
 * parse of the object, whatever it holds (a 260 KB /W array of a font
 * costs qpdf 25 ms; the lexer reads it a hundred times faster). */
static gboolean
index_raw (const guint8 *file, gsize file_len, guint64 position, Referrer *r)
{
  BsRawSpan body;

  return file != NULL && position != 0 && bs_pdf_raw_object_body (file, file_len, position, r->referrer, &body)
         && bs_pdf_raw_references (file, body, add_referrer, r);
}

GHashTable *
bs_references_index (BsPdfDocument *doc, GPtrArray *chain, const guint8 *file, gsize file_len)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) done = g_hash_table_new (NULL, NULL);
  Walk w = { doc, MAX_VALUES };

  for (guint i = 0; i < chain->len; i++)
    {
      BsXrefSection *s = g_ptr_array_index (chain, i);
      for (guint j = 0; j < s->objects->len; j++)
        {
          guint num = g_array_index (s->objects, guint, j);
          Referrer r = { index, num };
          if (num == 0 || !g_hash_table_add (done, GUINT_TO_POINTER (num))
              || g_array_index (s->generations, guint, j) == BS_XREF_FREE)
            continue;
          if (!index_raw (file, file_len, g_array_index (s->positions, guint64, j), &r)
              && !walk_values (&w, bs_pdf_object_numbered (doc, num), 0, add_referrer, &r))
            return NULL;
        }
    }
  return g_steal_pointer (&index);
}
