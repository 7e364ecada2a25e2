/* bench-window.c — the window's speed, as medians (never a test):
 *   launch     main() to the first frame drawn;
 *   first-page a 100-page PDF added (the drop path) to its first page shown;
 *   scroll     frame intervals while a zoomed page scrolls (the main loop
 *              must never block for more than a frame);
 *   rss        peak memory with 20 documents added and each shown once.
 * Usage: bench-window MODE [PDF]; bench-window.py runs each mode several
 * times under Xvfb and prints the medians.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-application.h"
#include "bs-documents-page.h"
#include "bs-page-view.h"
#include "bs-window.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

static gint64 started;
static const char *mode;
static const char *pdf;

static void
wait_rendered (BsPageView *view)
{
  while (!bs_page_view_is_rendered (view))
    g_main_context_iteration (NULL, TRUE);
}

static void
on_first_frame (GdkFrameClock *clock, gpointer data)
{
  static gboolean reported;

  if (reported)
    return;
  reported = TRUE;
  printf ("launch %.1f ms\n", (g_get_monotonic_time () - started) / 1000.0);
  g_application_quit (G_APPLICATION (data));
}

static GtkWidget *
find_view (GtkWidget *w)
{
  if (BS_IS_PAGE_VIEW (w))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *v = find_view (c);
      if (v != NULL)
        return v;
    }
  return NULL;
}

static GtkWidget *
documents (BsWindow *window)
{
  GtkStack *pages = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), BS_TYPE_WINDOW, "pages"));

  bs_app_context_use_local_certificate (bs_window_get_context (window), "/nonexistent/bench.p12");
  return gtk_stack_get_child_by_name (pages, "documents");
}

static BsPageView *
view_of (GtkWidget *docs)
{
  return BS_PAGE_VIEW (find_view (docs));
}

/* The drop path: the window's win.open-files. */
static void
add (BsWindow *window, const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  const char *uris[] = { uri, NULL };

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.open-files", g_variant_new_strv (uris, 1));
}

static void
select_document (GtkWidget *docs, int index)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (docs, BS_TYPE_DOCUMENTS_PAGE, "list"));

  gtk_list_box_unselect_all (list);
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, index));
}

static void
bench_first_page (BsWindow *window)
{
  GtkWidget *docs = documents (window);
  gint64 t0 = g_get_monotonic_time ();

  add (window, pdf);
  wait_rendered (view_of (docs));
  printf ("first-page %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
}

static gint64 last_frame;
static GArray *intervals;
static gint64 last_beat;
static double longest_stall;
static guint long_stalls;   /* gaps over one 60 Hz frame */

/* A 1 ms heartbeat: the longest gap between two beats is the longest the
 * main loop was kept from running while the page scrolled. */
static gboolean
heartbeat (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_beat != 0)
    {
      double gap = (now - last_beat) / 1000.0;
      longest_stall = MAX (longest_stall, gap);
      long_stalls += gap > 16.7;
    }
  last_beat = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
scroll_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  GtkAdjustment *adj = data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (last_frame != 0)
    {
      double ms = (now - last_frame) / 1000.0;
      g_array_append_val (intervals, ms);
    }
  last_frame = now;
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + 15);
  return intervals->len < 240 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static GtkScrolledWindow *
find_scroller (GtkWidget *w)
{
  if (GTK_IS_SCROLLED_WINDOW (w))
    return GTK_SCROLLED_WINDOW (w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkScrolledWindow *s = find_scroller (c);
      if (s != NULL)
        return s;
    }
  return NULL;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
bench_scroll (BsWindow *window)
{
  GtkWidget *docs = documents (window);
  BsPageView *view = view_of (docs);
  GtkScrolledWindow *scroller;
  GtkAdjustment *adj;

  add (window, pdf);
  wait_rendered (view);
  /* Zoomed in so that there is something to scroll. */
  bs_page_view_set_scale (view, g_getenv ("BESIGN_BENCH_ZOOM") ? g_ascii_strtod (g_getenv ("BESIGN_BENCH_ZOOM"), NULL) : 3.0);
  wait_rendered (view);
  scroller = find_scroller (GTK_WIDGET (view));
  adj = gtk_scrolled_window_get_vadjustment (scroller);
  intervals = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_widget_add_tick_callback (GTK_WIDGET (view), scroll_tick, adj, NULL);
  g_timeout_add (1, heartbeat, NULL);
  while (intervals->len < 240)
    g_main_context_iteration (NULL, TRUE);
  g_array_sort (intervals, compare_doubles);
  printf ("scroll-frame-median %.1f ms\nscroll-frame-max %.1f ms\nscroll-main-loop-longest-stall %.1f ms\n"
          "scroll-stalls-over-16ms %u\n",
          g_array_index (intervals, double, intervals->len / 2), g_array_index (intervals, double, intervals->len - 1),
          longest_stall, long_stalls);
}

static void
bench_rss (BsWindow *window)
{
  GtkWidget *docs = documents (window);
  struct rusage usage;

  for (int i = 0; i < 20; i++)
    {
      g_autofree char *copy = g_strdup_printf ("%s.%d.pdf", pdf, i);
      g_autofree char *data = NULL;
      gsize len;
      g_file_get_contents (pdf, &data, &len, NULL);
      g_file_set_contents (copy, data, (gssize) len, NULL);
      add (window, copy);
      select_document (docs, i);
      wait_rendered (view_of (docs));
    }
  getrusage (RUSAGE_SELF, &usage);
  printf ("rss-20-documents %.1f MB\n", usage.ru_maxrss / 1024.0);
}

static void
on_activate (GApplication *app, gpointer data)
{
  BsWindow *window = bs_window_new (BS_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  if (g_str_equal (mode, "launch"))
    {
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                        G_CALLBACK (on_first_frame), app);
      return;
    }
  if (g_str_equal (mode, "first-page"))
    bench_first_page (window);
  else if (g_str_equal (mode, "scroll"))
    bench_scroll (window);
  else if (g_str_equal (mode, "rss"))
    bench_rss (window);
  g_application_quit (app);
}

int
main (int argc, char **argv)
{
  g_autoptr(BsApplication) app = NULL;
  char *args[] = { argv[0], NULL };

  started = g_get_monotonic_time ();
  if (argc < 2)
    return 2;
  mode = argv[1];
  pdf = argc > 2 ? argv[2] : NULL;
  app = bs_application_new ();
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), 1, args);
}
