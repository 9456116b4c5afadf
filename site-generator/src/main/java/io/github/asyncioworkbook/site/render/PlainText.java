package io.github.asyncioworkbook.site.render;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

import java.util.regex.Pattern;

/**
 * The reader-visible text of Markdown nodes, for summaries and the search index: link text without
 * its URL, code with its literal, and line breaks joined the way a browser shows them (nothing
 * between two CJK characters, a space elsewhere).
 */
final class PlainText extends AbstractVisitor {

    private static final String CJK = "[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}"
            + "\\p{InCJKSymbolsAndPunctuation}\\p{InHalfwidthAndFullwidthForms}]";
    private static final Pattern CJK_BREAK = Pattern.compile("(?<=" + CJK + ")\\n(?=" + CJK + ")");

    private final StringBuilder sb = new StringBuilder();

    private PlainText() {
    }

    /**
     * {@return the text of a node and its descendants, on one line}
     *
     * @param node any node
     */
    static String of(Node node) {
        PlainText visitor = new PlainText();
        node.accept(visitor);
        String joined = CJK_BREAK.matcher(visitor.sb.toString().strip()).replaceAll("");
        return joined.replaceAll("\\s+", " ");
    }

    @Override
    public void visit(Text text) {
        sb.append(text.getLiteral());
    }

    @Override
    public void visit(Code code) {
        sb.append(code.getLiteral());
    }

    @Override
    public void visit(SoftLineBreak softLineBreak) {
        sb.append('\n');
    }

    @Override
    public void visit(HardLineBreak hardLineBreak) {
        sb.append('\n');
    }

    @Override
    public void visit(Paragraph paragraph) {
        visitChildren(paragraph);
        sb.append(" \n");
    }

    @Override
    public void visit(Heading heading) {
        visitChildren(heading);
        sb.append(" \n");
    }

    @Override
    public void visit(FencedCodeBlock block) {
        sb.append(block.getLiteral()).append(" \n");
    }

    @Override
    public void visit(IndentedCodeBlock block) {
        sb.append(block.getLiteral()).append(" \n");
    }

    @Override
    public void visit(CustomBlock block) {
        visitChildren(block);
        sb.append(' ');
    }

    @Override
    public void visit(CustomNode node) {
        visitChildren(node);
        sb.append(' ');
    }
}
