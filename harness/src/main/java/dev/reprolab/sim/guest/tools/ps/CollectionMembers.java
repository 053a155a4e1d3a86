package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.List;

/** Methods of Hashtable, ArrayList and arrays (System.Object[] has no Contains/Where/ForEach in PowerShell 2.0). */
final class CollectionMembers {

    private CollectionMembers() {
    }

    static Object hashtable(PsHashtable h, String n, List<Object> a) {
        switch (n) {
            case "add" -> {
                if (h.containsKey(a.get(0))) {
                    throw new NetException("System.ArgumentException", "Item has already been added. Key in dictionary: '"
                            + PsConvert.str(a.get(0)) + "'  Key being added: '" + PsConvert.str(a.get(0)) + "'");
                }
                h.put(a.get(0), a.size() > 1 ? a.get(1) : null);
                return PsConvert.VOID;
            }
            case "remove" -> {
                h.remove(a.get(0));
                return PsConvert.VOID;
            }
            case "containskey", "contains" -> {
                return h.containsKey(a.get(0));
            }
            case "containsvalue" -> {
                return h.values().stream().anyMatch(v -> Compare.equal(v, a.get(0), true));
            }
            case "clear" -> {
                h.clear();
                return PsConvert.VOID;
            }
            case "clone" -> {
                return h.copy();
            }
            case "getenumerator" -> {
                List<Object> entries = new ArrayList<>();
                for (Object k : h.keys()) {
                    entries.add(new PsEntry(k, h.get(k)));
                }
                return entries.toArray();
            }
            case "get_item" -> {
                return h.get(a.get(0));
            }
            case "set_item" -> {
                h.put(a.get(0), a.get(1));
                return PsConvert.VOID;
            }
            default -> {
                return DotNetObject.NONE;
            }
        }
    }

    static Object arrayList(PsArrayList l, String n, List<Object> a) {
        switch (n) {
            case "add" -> {
                l.add(a.get(0));
                return l.size() - 1;
            }
            case "addrange" -> {
                l.addAll(PsConvert.items(a.get(0)));
                return PsConvert.VOID;
            }
            case "remove" -> {
                for (int i = 0; i < l.size(); i++) {
                    if (Compare.equal(l.get(i), a.get(0), true)) {
                        l.remove(i);
                        break;
                    }
                }
                return PsConvert.VOID;
            }
            case "removeat" -> {
                int i = PsConvert.toInt(a.get(0));
                if (i < 0 || i >= l.size()) {
                    throw new NetException("System.ArgumentOutOfRangeException", "Index was out of range. Must be non-negative"
                            + " and less than the size of the collection.\r\nParameter name: index");
                }
                l.remove(i);
                return PsConvert.VOID;
            }
            case "insert" -> {
                l.add(PsConvert.toInt(a.get(0)), a.get(1));
                return PsConvert.VOID;
            }
            case "contains" -> {
                return l.stream().anyMatch(x -> Compare.equal(x, a.get(0), true));
            }
            case "indexof" -> {
                for (int i = 0; i < l.size(); i++) {
                    if (Compare.equal(l.get(i), a.get(0), true)) {
                        return i;
                    }
                }
                return -1;
            }
            case "clear" -> {
                l.clear();
                return PsConvert.VOID;
            }
            case "toarray" -> {
                return l.toArray();
            }
            case "sort" -> {
                l.sort((x, y) -> Compare.compare(x, y, false));
                return PsConvert.VOID;
            }
            case "reverse" -> {
                java.util.Collections.reverse(l);
                return PsConvert.VOID;
            }
            case "clone" -> {
                PsArrayList c = new PsArrayList();
                c.addAll(l);
                return c;
            }
            case "get_item" -> {
                return l.get(PsConvert.toInt(a.get(0)));
            }
            default -> {
                return DotNetObject.NONE;
            }
        }
    }

    static Object array(Object[] arr, String n, List<Object> a) {
        switch (n) {
            case "getvalue" -> {
                return arr[PsConvert.toInt(a.get(0))];
            }
            case "setvalue" -> {
                arr[PsConvert.toInt(a.get(1))] = a.get(0);
                return PsConvert.VOID;
            }
            case "clone" -> {
                return arr.clone();
            }
            case "getlength" -> {
                return arr.length;
            }
            case "getupperbound" -> {
                return arr.length - 1;
            }
            case "getlowerbound" -> {
                return 0;
            }
            case "copyto" -> {
                Object[] dest = (Object[]) a.get(0);
                System.arraycopy(arr, 0, dest, PsConvert.toInt(a.get(1)), arr.length);
                return PsConvert.VOID;
            }
            case "getenumerator" -> {
                return arr;
            }
            default -> {
                return DotNetObject.NONE;
            }
        }
    }
}
