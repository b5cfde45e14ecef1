package org.vesalius.dicom.data;

/** Placeholder until the generated dictionary lands. */
public final class ElementDictionary {
    private static final ElementDictionary STANDARD = new ElementDictionary();

    public static ElementDictionary standard() {
        return STANDARD;
    }

    public VR vrOf(int tag) {
        return vrOf(tag, null);
    }

    public VR vrOf(int tag, String creator) {
        if (Tag.element(tag) == 0) {
            return VR.UL;
        }
        if (Tag.isPrivateCreator(tag)) {
            return VR.LO;
        }
        return switch (tag) {
            case 0x00080005, 0x00080060, 0x00080008 -> VR.CS;
            case 0x00080016, 0x00080018, 0x0020000D, 0x0020000E, 0x00020010, 0x00020002, 0x00020003 -> VR.UI;
            case 0x00100010 -> VR.PN;
            case 0x00100020 -> VR.LO;
            case 0x00280010, 0x00280011, 0x00280100 -> VR.US;
            case 0x7FE00010 -> VR.OW;
            case 0x00081140, 0x00081115 -> VR.SQ;
            default -> VR.UN;
        };
    }

    public String keywordOf(int tag) {
        return "";
    }
}
