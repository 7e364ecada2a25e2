/* bs-drawn-objects.c — a bounded walk from the pages down.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-drawn-objects.h"
#include "bs-pdf-document.h"

#include <string.h>

#define MAX_NODES 500000
#define MAX_DEPTH 64
#define MAX_ITEMS 100000

typedef struct {
  BsPdfObj obj;
  int      depth;
} Node;

/* Links back up the tree or to what a field holds, not to what it draws. */
static gboolean
key_leads_down (const char *key, gboolean with_annotations)
{
  return strcmp (key, "/Parent") != 0 && strcmp (key, "/P") != 0 && strcmp (key, "/V") != 0
         && (with_annotations || strcmp (key, "/Annots") != 0);
}

static void
push (GArray *stack, GHashTable *seen, BsPdfDocument *doc, BsPdfObj obj, int depth)
{
  BsPdfType t = bs_pdf_obj_type (doc, obj);
  Node node = { obj, depth };

  if (t != BS_PDF_DICT && t != BS_PDF_ARRAY && t != BS_PDF_STREAM)
    return;
  if (bs_pdf_obj_is_indirect (doc, obj)
      && !g_hash_table_add (seen, GUINT_TO_POINTER (bs_pdf_obj_num (doc, obj))))
    return;
  g_array_append_val (stack, node);
}

static void
push_children (GArray *stack, GHashTable *seen, BsPdfDocument *doc, Node node, gboolean with_annotations)
{
  if (bs_pdf_obj_type (doc, node.obj) == BS_PDF_ARRAY)
    {
      int n = MIN (bs_pdf_obj_len (doc, node.obj), MAX_ITEMS);
      for (int i = 0; i < n; i++)
        push (stack, seen, doc, bs_pdf_obj_at (doc, node.obj, i), node.depth + 1);
      return;
    }
  {
    g_auto(GStrv) keys = bs_pdf_obj_dup_keys (doc, node.obj);
    for (char **k = keys; *k != NULL; k++)
      if (key_leads_down (*k, with_annotations))
        push (stack, seen, doc, bs_pdf_obj_get (doc, node.obj, *k), node.depth + 1);
  }
}

GHashTable *
bs_drawn_objects (BsPdfDocument *doc, gboolean with_annotations, gboolean *complete)
{
  GHashTable *seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Node));
  int pages = bs_pdf_document_get_n_pages (doc);
  guint visited = 0;

  *complete = TRUE;
  for (int i = 0; i < pages; i++)
    push (stack, seen, doc, bs_pdf_page_object (doc, i), 0);
  while (stack->len > 0)
    {
      Node node = g_array_index (stack, Node, stack->len - 1);
      g_array_set_size (stack, stack->len - 1);
      if (++visited > MAX_NODES)
        {
          *complete = FALSE;
          break;
        }
      if (node.depth > MAX_DEPTH)
        *complete = FALSE;
      else
        push_children (stack, seen, doc, node, with_annotations);
    }
  return seen;
}
