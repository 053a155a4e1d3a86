package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Property access and method calls on values, dispatched by the value's kind to the small member tables
 * ({@link StringMembers}, {@link CollectionMembers}, {@link DateMembers}, {@link StaticMembers}...). PowerShell 2.0
 * has no member enumeration: a property an array lacks is $null, a method it lacks fails.
 */
final class Members {

    private Members() {
    }

    static Object get(Evaluator ev, Object target, String name, boolean isStatic, int pos) {
        if (isStatic) {
            if (!(target instanceof PsType t)) {
                throw new PsError("Unable to find type [" + PsConvert.str(target) + "]: make sure that the assembly"
                        + " containing this type is loaded.", "InvalidOperation: (:) [], RuntimeException", "TypeNotFound").at(pos);
            }
            Object v = StaticMembers.property(ev.session, t, name);
            if (v == DotNetObject.NONE) {
                if (ev.session.strictMode) {
                    throw propertyNotFound(name, pos);
                }
                return null;
            }
            return v;
        }
        Object v = instanceProperty(ev, target, name);
        if (v == DotNetObject.NONE) {
            if (ev.session.strictMode) {
                throw propertyNotFound(name, pos);
            }
            return null;
        }
        return v;
    }

    private static PsError propertyNotFound(String name, int pos) {
        return new PsError("Property '" + name + "' cannot be found on this object. Make sure that it exists.",
                "InvalidOperation: (.:OperatorToken) [], RuntimeException", "PropertyNotFoundStrict").at(pos);
    }

    static Object instanceProperty(Evaluator ev, Object target, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (target == null) {
            return DotNetObject.NONE;
        }
        if (n.equals("psobject")) {
            return target;
        }
        if (n.equals("pstypenames") && target instanceof PsObject o) {
            return o.typeNames.toArray();
        }
        if (target instanceof PsObject o) {
            if (o.has(name)) {
                PsScriptBlock getter = o.scriptProperties.get(n);
                if (getter != null) {
                    return ev.commands.callScriptBlock(getter, ev.session.global, List.of(), o);
                }
                return o.get(name);
            }
            if (o.base != null) {
                return instanceProperty(ev, o.base, name);
            }
            return DotNetObject.NONE;
        } else if (target instanceof String s) {
            return n.equals("length") ? s.length() : DotNetObject.NONE;
        } else if (target instanceof PsHashtable h) {
            return switch (n) {
                case "count" -> h.containsKey(name) ? h.get(name) : h.size();
                case "keys" -> h.containsKey(name) ? h.get(name) : h.keys().toArray();
                case "values" -> h.containsKey(name) ? h.get(name) : h.values().toArray();
                default -> h.get(name);
            };
        } else if (target instanceof PsEntry e) {
            return switch (n) {
                case "key", "name" -> e.key();
                case "value" -> e.value();
                default -> DotNetObject.NONE;
            };
        } else if (target instanceof DotNetObject d) {
            return d.property(name);
        } else if (target instanceof PsFileStream s) {
            return switch (n) {
                case "length" -> s.length();
                case "position" -> s.position();
                case "name" -> s.windowsPath();
                case "canread", "canseek" -> true;
                case "canwrite" -> true;
                default -> DotNetObject.NONE;
            };
        } else if (target instanceof PsType t) {
            return switch (n) {
                case "fullname" -> t.fullName();
                case "name" -> t.fullName().substring(t.fullName().lastIndexOf('.') + 1);
                case "namespace" -> t.fullName().contains(".") ? t.fullName().substring(0, t.fullName().lastIndexOf('.')) : "";
                case "isarray" -> t.fullName().endsWith("[]");
                case "basetype" -> new PsType(t.fullName().endsWith("[]") ? "System.Array" : "System.Object");
                default -> DotNetObject.NONE;
            };
        } else {
        }
        if (target instanceof PsDateTime || target instanceof PsTimeSpan || target instanceof PsVersion) {
            return DateMembers.property(target, n);
        }
        if (PsConvert.isEnumerable(target)) {
            return switch (n) {
                // an array's length without boxing its elements: $buffer.Length of a 1 MB byte[] runs once per block of a copy loop
                case "length", "count" -> target.getClass().isArray() ? java.lang.reflect.Array.getLength(target)
                        : target instanceof java.util.Collection<?> c ? c.size() : PsConvert.items(target).size();
                case "rank" -> 1;
                case "issynchronized", "isfixedsize" -> !(target instanceof PsArrayList);
                case "isreadonly" -> false;
                default -> DotNetObject.NONE; // no member enumeration in 2.0
            };
        }
        if (target instanceof PsEnum e && n.equals("value__")) {
            return (int) e.value();
        }
        if (target instanceof PsScriptBlock sb) {
            return switch (n) {
                case "isfilter" -> false;
                case "file" -> null;
                default -> DotNetObject.NONE;
            };
        }
        return DotNetObject.NONE;
    }

    static void set(Evaluator ev, Object target, String name, Object value, int pos) {
        if (target instanceof PsObject o) {
            if (!o.has(name) && o.base instanceof DotNetObject d && d.setProperty(name, value)) {
                return;
            }
            if (!o.has(name)) {
                throw new PsError("Property '" + name + "' cannot be found on this object; make sure it exists and is settable.",
                        "InvalidOperation: (:) [], RuntimeException", "PropertyAssignmentException").at(pos);
            }
            o.put(name, value);
            return;
        }
        if (target instanceof PsHashtable h) {
            h.put(name, value);
            return;
        }
        if (target instanceof DotNetObject d && d.setProperty(name, value)) {
            return;
        }
        if (target instanceof PsFileStream s && name.equalsIgnoreCase("Position")) {
            s.seek(PsConvert.toLong(value), "Begin");
            return;
        }
        if (target instanceof PsType t && StaticMembers.setProperty(ev.session, t, name, value)) {
            return;
        }
        if (target == null) {
            throw new PsError("Property '" + name + "' cannot be found on this object; make sure it exists and is settable.",
                    "InvalidOperation: (:) [], RuntimeException", "PropertyAssignmentException").at(pos);
        }
        throw new PsError("'" + name + "' is a ReadOnly property.", "InvalidOperation: (:) [], RuntimeException",
                "PropertyAssignmentException").at(pos);
    }

    static Object invoke(Evaluator ev, Object target, String name, List<Object> args, boolean isStatic, int pos, Scope scope) {
        try {
            Object r;
            if (isStatic) {
                if (!(target instanceof PsType t)) {
                    throw PsError.nullMethod(name).at(pos);
                }
                r = StaticMembers.call(ev, t, name, args);
                if (r == DotNetObject.NONE) {
                    throw PsError.noMethod(t.fullName(), name).at(pos);
                }
                return r;
            }
            if (target == null) {
                throw PsError.nullMethod(name).at(pos);
            }
            r = instanceCall(ev, target, name, args, scope);
            if (r == DotNetObject.NONE) {
                throw PsError.noMethod(PsConvert.typeName(target instanceof PsObject o && o.base != null ? o.base : target), name).at(pos);
            }
            return r;
        } catch (NetException e) {
            throw PsError.dotNet(name, args.size(), e.getMessage()).at(pos);
        } catch (PsFileStream.DotNetException e) {
            throw PsError.dotNet(name, args.size(), e.getMessage()).at(pos);
        } catch (PsError e) {
            throw e.at(pos);
        }
    }

    static Object instanceCall(Evaluator ev, Object target, String name, List<Object> args, Scope scope) {
        String n = name.toLowerCase(Locale.ROOT);
        if (target instanceof PsObject o) {
            PsScriptBlock m = o.scriptMethods.get(n);
            if (m != null) {
                return ev.commands.callScriptBlock(m, scope, args, o);
            }
            var nat = o.methods.get(n);
            if (nat != null) {
                return nat.apply(args);
            }
            if (o.base != null) {
                return instanceCall(ev, o.base, name, args, scope);
            }
        }
        if (n.equals("gettype") && args.isEmpty()) {
            return new PsType(PsConvert.typeName(target));
        }
        Object r;
        if (target instanceof String s) {
            r = StringMembers.call(s, n, args);
        } else if (target instanceof PsHashtable h) {
            r = CollectionMembers.hashtable(h, n, args);
        } else if (target instanceof PsArrayList l) {
            r = CollectionMembers.arrayList(l, n, args);
        } else if (target instanceof Object[] a) {
            r = CollectionMembers.array(a, n, args);
        } else if (target instanceof byte[] b) {
            r = CollectionMembers.array(PsConvert.items(b).toArray(), n, args);
        } else if (target instanceof DotNetObject d) {
            r = d.call(name, args);
        } else if (target instanceof PsFileStream s) {
            r = FileStreamMembers.call(s, n, args);
        } else if (target instanceof PsScriptBlock sb) {
            r = scriptBlock(ev, sb, n, args, scope);
        } else {
            r = DotNetObject.NONE;
        }
        if (r != DotNetObject.NONE) {
            return r;
        }
        if (target instanceof PsDateTime || target instanceof PsTimeSpan || target instanceof PsVersion) {
            r = DateMembers.call(target, n, args);
            if (r != DotNetObject.NONE) {
                return r;
            }
        }
        return switch (n) {
            case "tostring" -> args.isEmpty() ? PsConvert.str(target) : DotNetFormat.formatValue(target, PsConvert.str(args.get(0)));
            case "equals" -> args.size() == 1 && Compare.equal(target, args.get(0), true);
            case "gethashcode" -> PsConvert.str(target).hashCode();
            case "compareto" -> args.size() == 1 ? (Object) Integer.signum(Compare.compare(target, args.get(0), true)) : DotNetObject.NONE;
            default -> DotNetObject.NONE;
        };
    }

    private static Object scriptBlock(Evaluator ev, PsScriptBlock sb, String n, List<Object> args, Scope scope) {
        if (n.equals("invoke") || n.equals("invokereturnasis")) {
            List<Object> out = new ArrayList<>();
            ev.invoke(sb.block(), scope, false, args, java.util.Map.of(), null, false, out::add);
            return n.equals("invoke") ? out.toArray() : PsConvert.collapse(out);
        }
        if (n.equals("getnewclosure")) {
            return sb;
        }
        return DotNetObject.NONE;
    }
}
