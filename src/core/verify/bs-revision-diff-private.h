/* bs-revision-diff-private.h — shared by the diff walk and its rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-revision-diff.h"

G_BEGIN_DECLS

typedef enum {
  ROLE_NONE,
  ROLE_CATALOG,
  ROLE_INFO,
  ROLE_METADATA,
  ROLE_ACROFORM,
  ROLE_FIELDS,
  ROLE_PAGES_NODE,
  ROLE_PAGE,
  ROLE_ANNOTS,
  ROLE_ANNOTATION,
  ROLE_FORM_FIELD,
  ROLE_SIG_FIELD_EMPTY,
  ROLE_SIG_FIELD_SIGNED,
  ROLE_SIG_DICT,
  ROLE_EMPTY_SIG_APPEARANCE,
  ROLE_DSS,
  ROLE_STRUCTURE,
} Role;

typedef struct {
  BsPdfDocument *a;          /* the signed revision */
  BsPdfDocument *b;          /* the document now */
  int            docmdp;
  guint          first_new;  /* first object number the signed revision did not use */
  guint64        signed_end; /* where the signed revision ends in the file */
  GHashTable    *roles;      /* object number → Role, from @a */
  GHashTable    *pages;      /* object number → page index, from @a */
  GHashTable    *owners;     /* empty signature field's appearance → its field */
  GHashTable    *drawn;      /* objects the pages of @a draw with, when asked */
  gboolean       drawn_complete;
  GHashTable    *content;    /* the same without annotations, when asked */
  gboolean       content_complete;
  GHashTable    *referrers;  /* the final document's reverse references, or NULL */
  GHashTable    *listed;     /* number → generation (or BS_XREF_FREE) when signed */
  GHashTable    *redefined;  /* numbers the updates after signing define */
  GHashTable    *old_refs;   /* what the signed versions of those referred to, when asked */
  gboolean       old_refs_complete;
  GPtrArray     *changes;
} Diff;

void     diff_add (Diff *d, gboolean allowed, int page, guint object,
                   const char *format, ...) G_GNUC_PRINTF (5, 6);
int      diff_page_of (Diff *d, guint num);

gboolean diff_is_signature_field (BsPdfDocument *doc, BsPdfObj field);
gboolean diff_same_value (Diff *d, BsPdfObj a, BsPdfObj b);

/* @field (in the document now) holds a signature over a later revision. */
gboolean diff_field_signed_later (Diff *d, BsPdfObj field);

/* Rules per role (bs-revision-rules.c). */
void     rule_catalog  (Diff *d, BsPdfObj a, BsPdfObj b);
void     rule_acroform (Diff *d, BsPdfObj a, BsPdfObj b, guint num);
void     rule_fields   (Diff *d, BsPdfObj a, BsPdfObj b, guint num);
void     rule_page     (Diff *d, BsPdfObj a, BsPdfObj b, int page);
void     rule_annots   (Diff *d, BsPdfObj a, BsPdfObj b, int page, guint num);
void     rule_field    (Diff *d, Role role, BsPdfObj a, BsPdfObj b, guint num);

G_END_DECLS
