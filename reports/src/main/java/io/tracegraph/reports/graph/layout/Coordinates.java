package io.tracegraph.reports.graph.layout;

import java.util.List;

/**
 * Step 5: where the points go. Columns are as wide as their widest vertex and {@link LayeredLayout#LAYER_GAP} apart.
 * In each column the points start stacked in their order, then are pulled towards their neighbours' heights while
 * keeping their order and gaps: an isotonic regression solved exactly by pool-adjacent-violators, column by column,
 * alternating directions. Finally everything is shifted so that the drawing starts at the margin.
 */
final class Coordinates {
  private static final int RELAX_ROUNDS = 12;

  /** Per column, the x of its centre. */
  final double[] columnX;
  /** Per point, the y of its centre. */
  final double[] y;
  /** Per point, its width and height (a dummy: no width, {@link LayeredLayout#DUMMY_HEIGHT}). */
  final double[] w;
  final double[] h;
  final double width;
  final double height;

  /**
   * @param sizes width and height of vertex {@code i}, for {@code i < n}
   */
  Coordinates(int n, LayeredLayout.Size[] sizes, int layers, LongEdges longEdges, List<List<Integer>> columns) {
    int total = longEdges.points();
    h = new double[total];
    w = new double[total];
    for (int v = 0; v < total; v++) {
      h[v] = v < n ? sizes[v].height() : LayeredLayout.DUMMY_HEIGHT;
      w[v] = v < n ? sizes[v].width() : 0;
    }
    columnX = new double[layers];
    double x = LayeredLayout.MARGIN;
    for (int l = 0; l < layers; l++) {
      double widest = columns.get(l).stream().mapToDouble(v -> w[v]).max().orElse(0);
      columnX[l] = x + widest / 2;
      x += widest + LayeredLayout.LAYER_GAP;
    }
    y = new double[total];
    for (List<Integer> column : columns) {
      double top = 0;
      for (int v : column) {
        y[v] = top + h[v] / 2;
        top += h[v] + LayeredLayout.NODE_GAP;
      }
    }
    for (int round = 0; round < RELAX_ROUNDS; round++) {
      boolean forward = round % 2 == 0;
      for (int k = 0; k < layers; k++) {
        int l = forward ? k : layers - 1 - k;
        relax(columns.get(l), y, h, longEdges.segIn, longEdges.segOut);
      }
    }
    double minY = Double.MAX_VALUE;
    double maxY = 0;
    for (int v = 0; v < total; v++) {
      minY = Math.min(minY, y[v] - h[v] / 2);
      maxY = Math.max(maxY, y[v] + h[v] / 2);
    }
    double shift = n == 0 ? 0 : LayeredLayout.MARGIN - minY;
    for (int v = 0; v < total; v++) y[v] += shift;
    this.width = Math.max(x - LayeredLayout.LAYER_GAP + LayeredLayout.MARGIN, 2 * LayeredLayout.MARGIN);
    this.height = n == 0 ? 2 * LayeredLayout.MARGIN : maxY - minY + 2 * LayeredLayout.MARGIN;
  }

  /**
   * Moves a column's points towards the mean y of their neighbours in adjacent columns, keeping their order and
   * gaps: minimises the squared distance to those targets subject to y[i+1] - y[i] >= the gap, by substituting
   * q_i = y_i - offset_i (which must not decrease) and pooling adjacent violators.
   */
  private static void relax(List<Integer> column, double[] y, double[] h, List<List<Integer>> in,
                            List<List<Integer>> out) {
    int m = column.size();
    if (m == 0) return;
    double[] offset = new double[m];
    double[] target = new double[m];
    for (int i = 0; i < m; i++) {
      int v = column.get(i);
      if (i > 0) offset[i] = offset[i - 1] + h[column.get(i - 1)] / 2 + LayeredLayout.NODE_GAP + h[v] / 2;
      double sum = 0;
      int count = 0;
      for (int u : in.get(v)) { sum += y[u]; count++; }
      for (int u : out.get(v)) { sum += y[u]; count++; }
      target[i] = (count == 0 ? y[v] : sum / count) - offset[i];
    }
    // Pool adjacent violators: blocks of (mean, weight, length).
    double[] mean = new double[m];
    int[] len = new int[m];
    int blocks = 0;
    for (int i = 0; i < m; i++) {
      mean[blocks] = target[i];
      len[blocks] = 1;
      blocks++;
      while (blocks > 1 && mean[blocks - 2] > mean[blocks - 1]) {
        int a = len[blocks - 2];
        int b = len[blocks - 1];
        mean[blocks - 2] = (mean[blocks - 2] * a + mean[blocks - 1] * b) / (a + b);
        len[blocks - 2] = a + b;
        blocks--;
      }
    }
    int i = 0;
    for (int b = 0; b < blocks; b++) {
      for (int k = 0; k < len[b]; k++, i++) y[column.get(i)] = mean[b] + offset[i];
    }
  }
}
