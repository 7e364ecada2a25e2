/* bs-revision-diff-private.h — shared by the diff walk, the roles and
 * the rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-field-locks.h"
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
  ROLE_FIELD_APPEARANCE,
  ROLE_SIG_FIELD_EMPTY,
  ROLE_SIG_FIELD_SIGNED,
  ROLE_SIG_DICT,
  ROLE_SIG_PLACEHOLDER,
  ROLE_EMPTY_SIG_APPEARANCE,
  ROLE_DSS,
  ROLE_STRUCTURE,
} Role;

/* What a change is, in the order of ISO 32000-2 Table 257's permission
 * levels: each signature allows the kinds its level permits, and no
 * change to a field it locks (FieldMDP). */
typedef enum {
  KIND_ALWAYS,      /* validation data, document time-stamps, metadata, tags */
  KIND_SIGNING,     /* signature fields and signatures (P >= 2) */
  KIND_FORM_FILL,   /* field values and their appearances (P >= 2) */
  KIND_ANNOTATION,  /* comments (P = 3) */
  KIND_FORBIDDEN,
} ChangeKind;

typedef struct {
  BsPdfDocument *a;          /* the signed revision */
  BsPdfDocument *b;          /* the document now */
  int            level;      /* the permission level in force: 1, 2 or 3 */
  const BsFieldLocks *locks; /* the fields this signature locks, or NULL */
  guint          first_new;  /* first object number the signed revision did not use */
  guint64        signed_end; /* where the signed revision ends in the file */
  GHashTable    *roles;      /* object number → Role, from @a */
  GHashTable    *pages;      /* object number → page index, from @a */
  GHashTable    *names;      /* field object number → its fully qualified name, from @a */
  GHashTable    *owners;     /* appearance stream → the widget that shows it */
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

/* Records a change of @kind to the field @field (a fully qualified name,
 * or NULL for what is no field): allowed when the permission level
 * allows @kind and the signature does not lock @field. */
void     diff_change (Diff *d, ChangeKind kind, const char *field, int page, guint object,
                      const char *format, ...) G_GNUC_PRINTF (6, 7);
int      diff_page_of (Diff *d, guint num);
/* The fully qualified name of the field object @num in @a, or NULL. */
const char *diff_field_name (Diff *d, guint num);

gboolean diff_is_signature_field (BsPdfDocument *doc, BsPdfObj field);
gboolean diff_same_value (Diff *d, BsPdfObj a, BsPdfObj b);

/* @field (in the document now) holds a signature over a later revision. */
gboolean diff_field_signed_later (Diff *d, BsPdfObj field);
/* The signature dictionary @sig (in the document now) signs bytes past
 * the signed revision. */
gboolean diff_signs_later (Diff *d, BsPdfObj sig);

/* Roles of the signed revision's objects (bs-revision-roles.c). */
void     diff_mark_roles (Diff *d);
Role     diff_role_of (Diff *d, guint num);

/* Whether anything of the signed revision but the widget @owner (and its
 * own appearance dictionaries) refers to object @num: the trailer, a page's
 * resources, another annotation, the catalog (bs-revision-sharing.c). */
gboolean diff_shared_beyond (Diff *d, guint num, guint owner);

/* Drawn by the pages or their annotations (diff_is_drawn), or by the
 * pages themselves (diff_is_page_content). */
gboolean diff_is_drawn (Diff *d, guint num);
gboolean diff_is_page_content (Diff *d, guint num);

/* Rules per role (bs-revision-rules.c). */
void     rule_catalog  (Diff *d, BsPdfObj a, BsPdfObj b);
void     rule_acroform (Diff *d, BsPdfObj a, BsPdfObj b, guint num);
void     rule_fields   (Diff *d, BsPdfObj a, BsPdfObj b, guint num);
void     rule_page     (Diff *d, BsPdfObj a, BsPdfObj b, int page);
void     rule_annots   (Diff *d, BsPdfObj a, BsPdfObj b, int page, guint num);
void     rule_field    (Diff *d, Role role, BsPdfObj a, BsPdfObj b, guint num);

G_END_DECLS
